using Npgsql;
using Quartz;

namespace TodoDashboard.Features.Customers.Generation;

/// <summary>Executes (or resumes) a generation run on whichever instance Quartz fires it.</summary>
public sealed partial class GenerateCustomersJob(CustomerGenerationRunner runner, ILogger<GenerateCustomersJob> logger) : IJob
{
    public const string RunIdKey = "runId";

    public static JobKey KeyFor(Guid runId) => new(runId.ToString(), "customer-generation");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var runId = Guid.Parse(context.MergedJobDataMap.GetString(RunIdKey)!);
        try
        {
            await runner.RunAsync(runId, ct: cancellationToken);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the run stays active, and Quartz's recovery or the recovery sweep resumes it.
            LogInterrupted(logger, runId);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException or TimeoutException)
        {
            // The runner has recorded what it could; the run stays active for the recovery sweep.
            LogStillActive(logger, runId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer generation run {RunId} was interrupted by shutdown; it stays active for recovery.")]
    private static partial void LogInterrupted(ILogger logger, Guid runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Customer generation run {RunId} stopped; it stays active and the recovery sweep will resume it.")]
    private static partial void LogStillActive(ILogger logger, Guid runId, Exception exception);
}
