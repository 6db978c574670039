namespace TodoDashboard.Features.Shares;

/// <summary>new price = max(0, round(old × Multiplier + Delta(shareId), 2)); the same for every strategy.</summary>
public sealed class PriceChangeFunction
{
    private readonly Func<int, decimal> _delta;

    private PriceChangeFunction(decimal multiplier, decimal lowestDelta, decimal highestDelta, Func<int, decimal> delta)
    {
        Multiplier = multiplier;
        LowestDelta = lowestDelta;
        HighestDelta = highestDelta;
        _delta = delta;
    }

    public decimal Multiplier { get; }

    /// <summary>The least and the most <see cref="Delta"/> can be, whatever the share: the bounds the start-up check assumes.</summary>
    public decimal LowestDelta { get; }

    public decimal HighestDelta { get; }

    public decimal Delta(int shareId) => _delta(shareId);

    // A random step rounds amount × [-1, 1) to cents, so it can reach -amount and, rounded up, +amount.
    public static PriceChangeFunction For(PriceChangeKind kind, decimal amount, int seed) => kind switch
    {
        PriceChangeKind.Percent => new(1 + (amount / 100), 0, 0, _ => 0),
        PriceChangeKind.RandomWalk => new(1, -amount, amount, id => decimal.Round(amount * (decimal)((2 * Unit(seed, id)) - 1), 2)),
        _ => new(1, amount, amount, _ => amount),
    };

    // SplitMix64 of (seed, id): a uniform draw in [0, 1) that any strategy, on any instance, reproduces.
    private static double Unit(int seed, int id)
    {
        var x = ((ulong)(uint)seed << 32) | (uint)id;
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }
}
