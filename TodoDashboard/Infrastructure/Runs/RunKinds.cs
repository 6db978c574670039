namespace TodoDashboard.Infrastructure.Runs;

/// <summary>The kinds registered with <see cref="RunsSetup.AddRunKind{TKind}"/>, by name.</summary>
public sealed class RunKinds(IEnumerable<IRunKind> kinds)
{
    private readonly Dictionary<string, IRunKind> _byName = kinds.ToDictionary(k => k.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<IRunKind> All => _byName.Values;

    public IRunKind? Find(string name) => _byName.GetValueOrDefault(name);

    public IRunKind Get(string name) => Find(name) ?? throw new InvalidOperationException($"No run kind is registered as '{name}'.");
}
