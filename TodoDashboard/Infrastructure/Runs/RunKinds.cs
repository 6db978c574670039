namespace TodoDashboard.Infrastructure.Runs;

/// <summary>The kinds registered with <see cref="RunsSetup.AddRunKind{TKind}"/>, by name.</summary>
public sealed class RunKinds(IEnumerable<IRunKind> kinds)
{
    private readonly Dictionary<string, IRunKind> _byName = kinds.ToDictionary(k => k.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<IRunKind> All => _byName.Values;

    public IRunKind? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The names of the kinds every member sees (they change what the whole team sees).</summary>
    public IReadOnlyList<string> VisibleToEveryone => _byName.Values.Where(k => k.VisibleToEveryone).Select(k => k.Name).ToList();

    /// <summary>The one visibility rule: a run is seen by its owner, by Operators and Admins, and by everyone for shared kinds.</summary>
    public bool MaySee(RunViewer viewer, string kind, string? ownerId) =>
        viewer.SeesAll || ownerId == viewer.UserId || (Find(kind)?.VisibleToEveryone ?? false);

    public IRunKind Get(string name) => Find(name) ?? throw new InvalidOperationException($"No run kind is registered as '{name}'.");
}
