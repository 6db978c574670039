using System.Text.Json;
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

    /// <summary>insert, update, delete, or bulk (many rows at once: every cached query is dropped).</summary>
    public required string Op { get; init; }

    public long? Id { get; init; }

    /// <summary>The columns an update changed (snake_case, as in the API's filters).</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>For an insert, update or delete: the filterable values of the row before and after the change.</summary>
    public IReadOnlyDictionary<string, string?> Values { get; init; } = new Dictionary<string, string?>();

    public static CustomerChange Bulk { get; } = new() { Op = "bulk" };

    public string ToPayload() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    /// <summary>
    /// The one writer of customer changes: NOTIFY inside the transaction that makes the change, so every instance hears
    /// of it exactly when it commits (and never of a change that rolled back).
    /// </summary>
    public async Task SendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var notify = new NpgsqlCommand("SELECT pg_notify($1, $2)", connection, transaction)
        {
            Parameters = { new() { Value = Channel }, new() { Value = ToPayload() } },
        };
        await notify.ExecuteNonQueryAsync(ct);
    }

    public static CustomerChange? FromPayload(string payload) => JsonSerializer.Deserialize<CustomerChange>(payload, JsonSerializerOptions.Web);
}
