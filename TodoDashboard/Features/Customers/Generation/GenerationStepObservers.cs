using System.Collections.Immutable;
using TodoDashboard.Infrastructure.LiveUpdates;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Features.Customers.Generation;

/// <summary>
/// Who watches this process's attempts at generation runs step by step (the command line prints them, with no
/// notification connection): each is called on the run's thread right after a step commits, so it must be quick and
/// must not throw.
/// </summary>
internal sealed class GenerationStepObservers
{
    private ImmutableArray<StepObserver> _observers = [];

    public IDisposable Add(Guid runId, Action<GenerationProgress> observer)
    {
        var entry = new StepObserver(runId, observer);
        ImmutableInterlocked.Update(ref _observers, observers => observers.Add(entry));
        return new Subscription(() => ImmutableInterlocked.Update(ref _observers, observers => observers.Remove(entry)));
    }

    public void Notify(RunContext<GenerationParameters> run)
    {
        var observers = _observers;
        if (observers.IsEmpty)
        {
            return;
        }

        var data = run.Data<GenerationData>();
        var progress = new GenerationProgress(
            run.Id, CustomerGenerationRunResponse.StatusOf(RunState.Running, data.Phase), run.Parameters.Count, (int)run.Done, data);
        foreach (var observer in observers)
        {
            if (observer.RunId == run.Id)
            {
                observer.OnStep(progress);
            }
        }
    }

    private sealed record StepObserver(Guid RunId, Action<GenerationProgress> OnStep);
}
