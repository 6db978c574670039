using Npgsql;
using TodoDashboard.Infrastructure.Telemetry;

namespace TodoDashboard.Infrastructure.Runs;

/// <summary>The mutable state of one attempt, shared by the engine and the kind's context.</summary>
internal sealed class RunAttemptState(Run run, string node, NpgsqlDataSource dataSource, RunLog log, AppMetrics metrics) : IDisposable
{
    public long Done = run.Done;

    public long Total = run.Total;

    public Run Run { get; } = run;

    public string Node { get; } = node;

    public NpgsqlDataSource DataSource { get; } = dataSource;

    public RunLog Log { get; } = log;

    public AppMetrics Metrics { get; } = metrics;

    public CancellationTokenSource Cancel { get; } = new();

    public void RequestCancel()
    {
        try
        {
            Cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The attempt has ended.
        }
    }

    public void Dispose() => Cancel.Dispose();
}
