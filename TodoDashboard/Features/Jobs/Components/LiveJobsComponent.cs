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
    /// Reads the list again. A notification handled while the read is under way may be newer than what it saw, and
    /// assigning the list would undo it (a cancelled job stayed "Cancelling" for good): then it reads once more.
    /// </summary>
    protected async Task ReloadAsync()
    {
        while (true)
        {
            long seen;
            lock (_gate)
            {
                seen = _updates;
            }

            var jobs = await JobService.ListAsync(UserId);
            lock (_gate)
            {
                if (_updates == seen)
                {
                    Jobs = jobs;
                    return;
                }
            }
        }
    }

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
            var jobs = Jobs?.ToList() ?? [];
            var index = jobs.FindIndex(j => j.Id == update.Job.Id);
            if (index < 0)
            {
                jobs.Insert(0, update.Job);
            }
            else if (jobs[index].Done <= update.Job.Done)
            {
                jobs[index] = update.Job;
            }

            Jobs = jobs;
            _updates++;
        }

        _throttle?.Request();
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
