using System.Text;
using System.Text.Json;

namespace TodoDashboard.Infrastructure.LiveUpdates;

/// <summary>
/// When a NOTIFY was sent, carried in its JSON payload as <c>"sentAt"</c> (milliseconds since the Unix epoch, by the
/// database's clock at the statement that sends it, so just before the commit that delivers it). The hub reads it to
/// measure the fan-out lag and the live pages the commit-to-push latency; payloads without it are not measured.
/// </summary>
public static class NotificationSentAt
{
    public const string Key = "sentAt";

    /// <summary>The SQL value of <see cref="Key"/>: the statement's clock, not the transaction's start (<c>now()</c>), which would count the step's work.</summary>
    public const string Sql = "round(extract(epoch FROM clock_timestamp()) * 1000, 3)";

    /// <summary>The send time a payload carries at its top level; null for one that carries none (or is not JSON).</summary>
    public static DateTimeOffset? Read(string payload)
    {
        if (!payload.StartsWith('{') || !payload.Contains($"\"{Key}\"", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(payload));
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isSentAt = reader.ValueTextEquals(Key);
                reader.Read();
                if (isSentAt)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var milliseconds)
                        ? DateTimeOffset.UnixEpoch.AddMilliseconds(milliseconds)
                        : null;
                }

                reader.Skip();
            }
        }
        catch (Exception ex) when (ex is JsonException or ArgumentOutOfRangeException)
        {
            // Not JSON after all, or a time out of range: nothing to measure.
        }

        return null;
    }
}
