using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Features.Customers;

/// <summary>
/// What changed among the customers, sent with NOTIFY in the transaction that changes them, so every app instance
/// hears it exactly when the change is committed and drops the cached queries it affects (and only those).
/// </summary>
public sealed record CustomerChange
{
    /// <summary>The NOTIFY channel.</summary>
    public const string Channel = NotificationChannels.CustomerChanges;

    public required CustomerChangeOp Op { get; init; }

    public long? Id { get; init; }

    /// <summary>The columns an update changed (snake_case, as in the API's filters).</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>For an insert: the new row's whole-value filter values (lower-cased), which name the listings it can join.</summary>
    public IReadOnlyDictionary<string, string?> Values { get; init; } = new Dictionary<string, string?>();

    public static CustomerChange Bulk { get; } = new() { Op = CustomerChangeOp.Bulk };

    // The operation travels by name ("insert", "update", ...), so instances of other versions read each other's changes.
    private static readonly JsonSerializerOptions PayloadOptions = new(JsonSerializerOptions.Web)
    {
        Converters = { new JsonStringEnumConverter<CustomerChangeOp>(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public string ToPayload() => JsonSerializer.Serialize(this, PayloadOptions);

    /// <summary>
    /// The one writer of customer changes: NOTIFY inside the transaction that makes the change, so every instance hears
    /// of it exactly when it commits (and never of a change that rolled back).
    /// </summary>
    public async Task SendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        // The send time by the database's clock, as the runs channel's payloads carry it (NotificationSentAt).
        await using var notify = new NpgsqlCommand(
            $"SELECT pg_notify($1, ($2::jsonb || jsonb_build_object('{NotificationSentAt.Key}', {NotificationSentAt.Sql}))::text)", connection, transaction)
        {
            Parameters = { new() { Value = Channel }, new() { Value = ToPayload() } },
        };
        await notify.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The change in a payload; null when it cannot be read (an operation this version does not know), which readers treat as "anything may have changed".</summary>
    public static CustomerChange? FromPayload(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<CustomerChange>(payload, PayloadOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
