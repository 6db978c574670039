using Npgsql;
using NpgsqlTypes;

namespace TodoDashboard.Features.Shares;

/// <summary>A share whose new price would leave (0, <see cref="Share.MaxPrice"/>]: the first one by id.</summary>
/// <param name="WorstCase">A random walk's step is bounded, not known in advance: the price it could reach.</param>
public sealed record PriceBreach(int ShareId, string ShareName, decimal Price, decimal NewPrice, bool WorstCase)
{
    public string Describe() => FormattableString.Invariant(
        $"{ShareName} {(WorstCase ? "could" : "would")} go from {Price:N2} to {NewPrice:N2}; prices must stay above 0 and at most {Share.MaxPrice:N2}.");
}

/// <summary>What a check of a change against the shares found: how many it covers, and the first it would break.</summary>
public sealed record PriceCheck(int Shares, PriceBreach? Breach);

/// <summary>
/// The one check that says whether a change keeps every price above 0 and within numeric(10,2), asked before a run
/// is created (so a refused run writes nothing) and again when a worker picks it up (other runs may have moved the
/// prices since). A random walk is checked at its widest step either way, since its draw is per share.
/// </summary>
public static class PriceBounds
{
    private const string CheckSql = """
        WITH remaining AS NOT MATERIALIZED (
            SELECT s.id, s.name, s.price FROM shares s
            WHERE $4::uuid IS NULL
               OR NOT EXISTS (SELECT 1 FROM price_changes c WHERE c.run_id = $4 AND c.share_id = s.id))
        SELECT (SELECT count(*)::int FROM remaining), breach.*
        FROM (SELECT 1) AS one
        LEFT JOIN LATERAL (
            SELECT r.id, r.name, r.price, b.lowest, b.highest
            FROM remaining r
            CROSS JOIN LATERAL (SELECT ROUND(r.price * $1 + $2, 2) AS lowest, ROUND(r.price * $1 + $3, 2) AS highest) AS b
            WHERE b.lowest <= 0 OR b.highest > $5
            ORDER BY r.id
            LIMIT 1) AS breach ON true
        """;

    // The change is linear in the price and ROUND is monotonic, so the extremes of the new prices come from the
    // extremes of the old ones: one aggregate answers "no breach" for all shares; only a breach is looked up by id.
    private const string RangeSql = """
        SELECT count(*)::int, min(s.price), max(s.price) FROM shares s
        WHERE $1::uuid IS NULL OR NOT EXISTS (SELECT 1 FROM price_changes c WHERE c.run_id = $1 AND c.share_id = s.id)
        """;

    /// <param name="runId">Checks only the shares this run has not changed yet; null for a run not yet created.</param>
    public static async Task<PriceCheck> CheckAsync(
        NpgsqlDataSource dataSource, PriceChangeFunction change, Guid? runId, CancellationToken ct)
    {
        await using (var range = dataSource.CreateCommand(RangeSql))
        {
            range.Parameters.Add(new() { Value = (object?)runId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
            await using var extremes = await range.ExecuteReaderAsync(ct);
            await extremes.ReadAsync(ct);
            var count = extremes.GetInt32(0);
            if (count == 0 || !MayBreach(change, extremes.GetDecimal(1), extremes.GetDecimal(2)))
            {
                return new PriceCheck(count, null);
            }
        }

        await using var command = dataSource.CreateCommand(CheckSql);
        command.Parameters.Add(new() { Value = change.Multiplier, NpgsqlDbType = NpgsqlDbType.Numeric });
        command.Parameters.Add(new() { Value = change.LowestDelta, NpgsqlDbType = NpgsqlDbType.Numeric });
        command.Parameters.Add(new() { Value = change.HighestDelta, NpgsqlDbType = NpgsqlDbType.Numeric });
        command.Parameters.Add(new() { Value = (object?)runId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = Share.MaxPrice, NpgsqlDbType = NpgsqlDbType.Numeric });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var shares = reader.GetInt32(0);
        if (await reader.IsDBNullAsync(1, ct))
        {
            return new PriceCheck(shares, null);
        }

        var lowest = reader.GetDecimal(4);
        var newPrice = lowest <= 0 ? lowest : reader.GetDecimal(5);
        return new PriceCheck(shares, new PriceBreach(
            reader.GetInt32(1), reader.GetString(2), reader.GetDecimal(3), newPrice, change.LowestDelta != change.HighestDelta));
    }

    private static bool MayBreach(PriceChangeFunction change, decimal lowestPrice, decimal highestPrice)
    {
        decimal New(decimal price, decimal delta) =>
            decimal.Round((price * change.Multiplier) + delta, 2, MidpointRounding.AwayFromZero);

        try
        {
            var lowest = Math.Min(New(lowestPrice, change.LowestDelta), New(highestPrice, change.LowestDelta));
            var highest = Math.Max(New(lowestPrice, change.HighestDelta), New(highestPrice, change.HighestDelta));
            return lowest <= 0 || highest > Share.MaxPrice;
        }
        catch (OverflowException)
        {
            // Beyond decimal's range is beyond numeric(10,2)'s too; the lookup names the share.
            return true;
        }
    }
}
