using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using TodoDashboard.Components;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.LiveUpdates;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Features.Operations.Components;

/// <summary>/operations/{id}: one run with its progress, figures, attempts and log, live, and what the user may do with it.</summary>
public sealed partial class RunDetailsPage : IDisposable
{
    [Inject] private RunEngine Engine { get; set; } = default!;

    [Inject] private RunKinds Kinds { get; set; } = default!;

    [Inject] private RunNotifier Notifier { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private UserErrors Errors { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Parameter] public Guid Id { get; set; }

    private readonly List<BreadcrumbItem> _breadcrumbs = [new("Operations", "operations"), new("Run", null, disabled: true)];
    private LiveRefresh? _live;
    private RunDetails? _details;
    private RunViewer? _viewer;
    private Guid _loaded;
    private bool _loading = true;
    private bool _busy;
    private string? _error;
    private ITimer? _ticker;

    /// <summary>How many refreshes notifications have caused (tests check the coalescing with it).</summary>
    public int LiveRefreshes => _live?.Refreshes ?? 0;

    private DateTime Now => Clock.GetUtcNow().UtcDateTime;

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded != Id)
        {
            _loaded = Id;
            _details = null;
            _loading = true;
            await ReloadAsync();
        }
    }

    private async Task ReloadAsync()
    {
        var id = Id;
        try
        {
            _viewer = RunViewer.Of((await AuthState).User);
            var details = await Engine.DetailsAsync(id, _viewer);
            if (id == Id)
            {
                _details = details;
                _error = null;
                _breadcrumbs[^1] = new(details is null ? "Not found" : $"{RunDisplay.KindTitle(Kinds, details.Run.Kind)} {RunDisplay.ShortId(id)}", null, disabled: true);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error = Errors.Report(ex, "load the run");
        }
        finally
        {
            _loading = false;
        }

        Tick();
    }

    // The user's own runs need no more than being a member; anyone else's need the Operator role (RunViewer.SeesAll).
    private string ActRole(RunResponse run) => run.OwnerId is not null && run.OwnerId == _viewer?.UserId ? AppRoles.Member : AppRoles.Operator;

    // A retry starts a run of the kind, so it also needs the kind's start role.
    private string RetryRole(RunResponse run) =>
        AppRoles.Highest([ActRole(run), Kinds.Find(run.Kind)?.StartRole ?? AppRoles.Operator])!;

    private bool CanResumeKind(RunResponse run) => Kinds.Find(run.Kind)?.CanResume == true;

    private Task CancelAsync() =>
        ActAsync("cancel", (_, viewer) => Engine.CancelAsync(Id, viewer), "Cancel requested: the run stops after its current step.");

    private Task ResumeAsync() =>
        ActAsync("resume", (_, viewer) => Engine.ResumeAsync(Id, viewer), "Resumed from the last committed step.");

    private Task RetryAsync() =>
        ActAsync("retry", (user, viewer) => Engine.RetryAsync(Id, viewer, RunOwner.Of(user), user.Allows), "Retrying as a new run.");

    private async Task ActAsync(string action, Func<ClaimsPrincipal, RunViewer, Task<RunActionResult>> act, string done)
    {
        _busy = true;
        try
        {
            // The role is read now, not when the page opened: a role taken away meanwhile no longer allows it.
            var user = (await AuthState).User;
            var result = await act(user, RunViewer.Of(user));
            switch (result.Outcome)
            {
                case RunActionOutcome.Done when result.Run is { } other && other.Id != Id:
                    Snackbar.Add(done, Severity.Success);
                    Navigation.NavigateTo($"operations/{other.Id}");
                    return;
                case RunActionOutcome.Done:
                    Snackbar.Add(done, Severity.Success);
                    break;
                case RunActionOutcome.NotFound:
                    Snackbar.Add("The run no longer exists, or is no longer yours to act on.", Severity.Warning);
                    break;
                default:
                    Snackbar.Add(result.Reason ?? "The run cannot be changed that way now.", Severity.Warning);
                    break;
            }

            await ReloadAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Snackbar.Add(Errors.Report(ex, $"{action} the run"), Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    // Duration and rate move on between progress events: a server-side tick, once a second, while it runs.
    private void Tick()
    {
        if (_details?.Run.State == RunState.Running && RendererInfo.IsInteractive)
        {
            _ticker ??= Clock.CreateTimer(_ => InvokeAsync(StateHasChanged), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }
        else
        {
            _ticker?.Dispose();
            _ticker = null;
        }
    }

    public void Dispose() => _ticker?.Dispose();
}
