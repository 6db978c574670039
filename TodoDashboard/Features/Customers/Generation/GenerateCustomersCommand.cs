using System.Diagnostics;
using System.Globalization;
using Npgsql;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Features.Customers.Generation;

/// <summary>
/// <c>./run.sh generate-customers --customers 3000000</c> (or <c>dotnet run --project TodoDashboard -- generate-customers ...</c>):
/// queues a run without scheduling it and executes it in this process through the engine, printing its progress as
/// each step commits, then exits. Killed part-way, the run stays active and the app's recovery sweep resumes it when
/// the app next runs.
/// </summary>
public static partial class GenerateCustomersCommand
{
    public const string Name = "generate-customers";

    public const string StartedBy = "command line (generate-customers)";

    private const string Usage = "Usage: generate-customers --customers N   (N from 1 to 5,000,000)";

    public static async Task<bool> RunGenerateCustomersCommandAsync(this WebApplication app, string[] args)
    {
        if (!args.Contains(Name))
        {
            return false;
        }

        Environment.ExitCode = await RunAsync(app.Services, args);
        return true;
    }

    /// <summary>The number after <c>--customers</c> (or in <c>--customers=N</c>), or an error message.</summary>
    internal static (int Count, string? Error) ParseCount(string[] args)
    {
        string? value = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--customers")
            {
                value = i + 1 < args.Length ? args[i + 1] : "";
            }
            else if (args[i].StartsWith("--customers=", StringComparison.Ordinal))
            {
                value = args[i]["--customers=".Length..];
            }
        }

        if (value is null)
        {
            return (0, "Say how many customers to generate with --customers N.");
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= GenerateCustomersRequest.MaxCount
            ? (count, null)
            : (0, $"--customers must be a whole number from 1 to {GenerateCustomersRequest.MaxCount:N0}, not '{value}'.");
    }

    private static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var (count, error) = ParseCount(args);
        if (error is not null)
        {
            await Console.Error.WriteLineAsync($"{error}\n{Usage}");
            return 2;
        }

        var generation = services.GetRequiredService<CustomerGenerationService>();
        var started = await generation.QueueAsync(new RunOwner(null, StartedBy), count);
        var run = started.Run;
        if (!started.Started)
        {
            await Console.Error.WriteLineAsync(
                $"A customer generation run is already active: {run.Id} ({Describe(run)}, started by {run.StartedBy}). " +
                "Only one runs at a time: wait for it to finish; if its process has gone, start the app (./run.sh) and it resumes the run.");
            return 1;
        }

        Console.WriteLine(Invariant($"Generating {count:N0} customers, ids {run.FirstCustomerId} to {run.LastCustomerId} (run {run.Id})"));
        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        var stopwatch = Stopwatch.StartNew();
        var printer = new ProgressPrinter();
        try
        {
            RunExecution execution;
            using (services.GetRequiredService<CustomerGenerationKind>().ObserveSteps(run.Id, printer.Print))
            {
                execution = await services.GetRequiredService<RunExecutor>().ExecuteAsync(run.Id, "cli@" + Environment.MachineName, interrupt.Token);
            }

            var finished = await generation.GetRunAsync(run.Id);
            if (execution == RunExecution.Busy)
            {
                await Console.Error.WriteLineAsync($"Run {run.Id} is being executed by another process; see GET /api/customers/generate/{run.Id}.");
                return 1;
            }

            if (interrupt.IsCancellationRequested && finished is { IsActive: true })
            {
                await Console.Error.WriteLineAsync(Invariant(
                    $"Interrupted after {finished.Done:N0} rows: run {run.Id} stays active, and the app resumes it when it next runs (./run.sh)."));
                return 130;
            }

            if (finished is null or { IsActive: true })
            {
                await Console.Error.WriteLineAsync(
                    $"Run {run.Id} could not finish now; it stays active, and the app resumes it when it next runs (./run.sh). Its log: GET /api/runs/{run.Id}.");
                return 1;
            }

            Console.WriteLine(Summary(finished, stopwatch.Elapsed));
            return finished.Status == GenerationStatus.Succeeded ? 0 : 1;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
        {
            // The executor ends the kind's own failures; this is the database itself gone (claiming or recording the run).
            LogStopped(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GenerateCustomersCommand)), run.Id, ex);
            await Console.Error.WriteLineAsync(
                $"Run {run.Id} stopped: the database could not be reached.\nIt stays active, and the app resumes it when it next runs (./run.sh).");
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    internal static string Summary(CustomerGenerationRunResponse run, TimeSpan elapsed)
    {
        var load = Invariant($"load {run.LoadMs / 1000 ?? 0:0.0} s ({run.RowsPerSecond ?? 0:N0} rows/s)");
        var indexes = run.IndexTotal > 0
            ? Invariant($"{run.IndexTotal} indexes rebuilt and ANALYZE {run.IndexMs / 1000 ?? 0:0.0} s")
            : "indexes kept and updated during the load";
        return run.Status switch
        {
            GenerationStatus.Succeeded => Invariant($"Succeeded: {run.Done:N0} customers in {elapsed.TotalSeconds:0.0} s; {load}; {indexes}."),
            GenerationStatus.Cancelled => Invariant(
                $"Cancelled after {run.Done:N0} of {run.Count:N0} customers ({elapsed.TotalSeconds:0.0} s; {load}; {indexes}); those loaded stay."),
            _ => Invariant($"Failed after {run.Done:N0} of {run.Count:N0} customers ({elapsed.TotalSeconds:0.0} s; {load}; {indexes}): {run.Error}"),
        };
    }

    private static string Describe(CustomerGenerationRunResponse run) =>
        Invariant($"{run.Status.ToString().ToLowerInvariant()}, {run.Done:N0} of {run.Count:N0} rows");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Error, Message = "Customer generation run {RunId} stopped: the database could not be reached.")]
    private static partial void LogStopped(ILogger logger, Guid runId, Exception exception);

    /// <summary>One line per committed batch and per rebuilt index; nothing when nothing moved.</summary>
    private sealed class ProgressPrinter
    {
        public GenerationProgress? Last { get; private set; }

        public void Print(GenerationProgress run)
        {
            var last = Last;
            Last = run;
            if (run.IndexTotal > 0 && last is { IndexTotal: 0 } && run.Status == GenerationStatus.Loading)
            {
                Console.WriteLine(Invariant($"dropped  {run.IndexTotal} secondary indexes for the bulk load; they are rebuilt once it is in"));
            }

            if (run.Done != last?.Done && run.Done > 0)
            {
                Console.WriteLine(Invariant($"loading  {run.Done,9:N0} / {run.Count:N0} rows  {run.Percent,5:0.0}%  {run.RowsPerSecond ?? 0,9:N0} rows/s"));
            }

            if (run.Status == GenerationStatus.Indexing && last?.Status != GenerationStatus.Indexing && run.IndexTotal > run.IndexesBuilt)
            {
                Console.WriteLine(Invariant($"indexing {run.IndexTotal - run.IndexesBuilt} indexes to build, then ANALYZE"));
            }

            if (run.IndexesBuilt != last?.IndexesBuilt && run.IndexesBuilt > 0)
            {
                Console.WriteLine(Invariant($"indexing {run.IndexesBuilt,2} / {run.IndexTotal} indexes  {run.IndexMs / 1000 ?? 0,6:0.0} s"));
            }
        }
    }
}
