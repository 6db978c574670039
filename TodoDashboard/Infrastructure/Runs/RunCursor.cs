using System.Globalization;
using System.Text;

namespace TodoDashboard.Infrastructure.Runs;

/// <summary>The keyset cursor of run listings: the last run's creation time and id.</summary>
public static class RunCursor
{
    public static string Encode(RunResponse run) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{run.CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture)}:{run.Id:N}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The position, or null for no cursor; throws <see cref="FormatException"/> for one that is not ours.</summary>
    public static (DateTime CreatedAt, Guid Id)? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')));
            var parts = text.Split(':');
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks && Guid.TryParseExact(parts[1], "N", out var id))
            {
                return (new DateTime(ticks, DateTimeKind.Utc), id);
            }
        }
        catch (FormatException)
        {
        }

        throw new FormatException("The cursor is not one this listing gave out.");
    }
}
