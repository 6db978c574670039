using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Features.Jobs.Components;

/// <summary>
/// The signed-in user's jobs, kept current by notifications over the circuit (never by polling from the browser).
/// Renders are coalesced to at most ten a second; a resync reloads from the database; disposing unsubscribes.
/// </summary>
public abstract class LiveJobsComponent : ComponentBase, IDisposable
{
    private readonly Lock _gate = new();
    private IDisposable? _subscription;
    private RenderThrottle? _throttle;
    private readonly Dictionary<Guid, (long Sequence, JobResponse Job)> _latest = [];
    private long _updates;

    [Inject] protected JobService JobService { get; set; } = default!;

    [Inject] protected JobNotifier Notifier { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected string UserId { get; private set; } = "";

    protected IReadOnlyList<JobResponse>? Jobs { get; private set; }

    protected JobResponse? Active => Jobs?.FirstOrDefault(j => j.IsActive);

    /// <summary>How many renders the notifications have caused (tests check the coalescing with it).</summary>
    public int LiveRenders { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        UserId = (await AuthState).User.GetUserId();
        _throttle = new RenderThrottle(TimeSpan.FromMilliseconds(100), async () =>
        {
            try
            {
                await InvokeAsync(() =>
                {
                    LiveRenders++;
                    StateHasChanged();
                });
            }
            catch (Exception ex)
            {
                await DispatchExceptionAsync(ex);
            }
        });

        // Subscribe first, then read: a change committed in between is not lost.
        _subscription = Notifier.SubscribeToOwner(UserId, OnUpdate);
        await ReloadAsync();
    }

    /// <summary>
    /// Reads the list again. A notification handled while the read is under way may be newer than what the read saw
    /// (a cancelled job once stayed "Cancelling" for good that way), so those are laid over the fresh list.
    /// </summary>
    protected async Task ReloadAsync()
    {
        long startedAt;
        lock (_gate)
        {
            startedAt = _updates;
        }

        var jobs = (await JobService.ListAsync(UserId)).ToList();
        lock (_gate)
        {
            foreach (var (sequence, live) in _latest.Values)
            {
                if (sequence <= startedAt)
                {
                    continue;
                }

                var index = jobs.FindIndex(j => j.Id == live.Id);
                if (index < 0)
                {
                    jobs.Insert(0, live);
                }
                else if (IsNewer(live, jobs[index]))
                {
                    jobs[index] = live;
                }
            }

            Jobs = jobs;
        }
    }

    /// <summary>Jobs only move forward: a finished state beats an active one, then more items done, then a cancel request.</summary>
    private static bool IsNewer(JobResponse candidate, JobResponse current) =>
        candidate.IsActive != current.IsActive ? !candidate.IsActive
        : candidate.Done != current.Done ? candidate.Done > current.Done
        : candidate.CancelRequested && !current.CancelRequested;

    private void OnUpdate(JobUpdate update)
    {
        if (update.Job is null)
        {
            _ = InvokeAsync(async () =>
            {
                try
                {
                    await ReloadAsync();
                    StateHasChanged();
                }
                catch (Exception ex)
                {
                    await DispatchExceptionAsync(ex);
                }
            });
            return;
        }

        lock (_gate)
        {
            _updates++;
            _latest[update.Job.Id] = (_updates, update.Job);
            var jobs = Jobs?.ToList() ?? [];
            var index = jobs.FindIndex(j => j.Id == update.Job.Id);
            if (index < 0)
            {
                jobs.Insert(0, update.Job);
            }
            else if (!IsNewer(jobs[index], update.Job))
            {
                jobs[index] = update.Job;
            }

            Jobs = jobs;
        }

        _throttle?.Request();
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
