using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Features.Jobs;

/// <summary>A user's jobs, as views of their runs: start (one active at a time), read, follow, cancel.</summary>
public sealed class JobService(RunEngine engine, JobKind kind, RunNotifier notifier)
{
    public const int ListLimit = 50;

    /// <summary>Starts a job, or, when the user already has an active one, returns that one instead.</summary>
    public async Task<StartJobResult> StartAsync(RunOwner owner, int items, CancellationToken ct = default)
    {
        var started = await engine.StartAsync(kind, owner, new JobParameters { Items = items }, ct);
        var start = started.Value ?? throw new ArgumentOutOfRangeException(nameof(items), items, string.Join(" ", started.Errors.SelectMany(e => e.Value)));
        return new StartJobResult(JobResponse.From(start.Run), start.Started);
    }

    public async Task<IReadOnlyList<JobResponse>> ListAsync(string ownerId, CancellationToken ct = default)
    {
        var page = await engine.ListAsync(
            new RunQuery(Kind: JobKind.KindName, Owner: RunOwnerFilter.Me, Limit: ListLimit), new RunViewer(ownerId, SeesAll: false), ct);
        return page.Items.Select(JobResponse.From).ToList();
    }

    public async Task<JobResponse?> GetAsync(string ownerId, Guid id, CancellationToken ct = default) =>
        await engine.GetAsync(id, ct) is { Kind: JobKind.KindName } run && run.OwnerId == ownerId ? JobResponse.From(run) : null;

    public async Task<JobResponse?> ActiveAsync(string ownerId, CancellationToken ct = default) =>
        await engine.ActiveAsync(JobKind.KindName, ownerId, ct) is { } run ? JobResponse.From(run) : null;

    /// <summary>Cancels the viewer's job (an Operator's: anyone's); another user's job does not exist for a member.</summary>
    public async Task<RunActionResult> CancelAsync(RunViewer viewer, Guid id, CancellationToken ct = default) =>
        await engine.GetAsync(id, ct) is { Kind: JobKind.KindName } ? await engine.CancelAsync(id, viewer, ct) : new RunActionResult(RunActionOutcome.NotFound);

    /// <summary>Calls <paramref name="changed"/> on every change to one user's jobs, from any node, and on resyncs.</summary>
    public IDisposable SubscribeToOwner(string ownerId, Action changed) =>
        notifier.Subscribe(change => change.Kind == JobKind.KindName && change.OwnerId == ownerId, _ => changed());
}
