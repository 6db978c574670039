using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TodoDashboard.Data;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Features.Customers.Generation;

/// <summary>
/// With Customers:SeedWhenEmpty above 0 (run.sh sets it), an empty customers table gets a generation run of that
/// size at start-up, in the background: the app serves at once and the panel shows the run's progress.
/// </summary>
/// <remarks>The setting keeps its name: run.sh, docker-compose.yml and existing .env files set it.</remarks>
internal sealed partial class StartupCustomerLoader(
    IOptions<CustomerGenerationOptions> options,
    CustomerGenerationService generation,
    IDbContextFactory<AppDbContext> dbFactory,
    RunLog runLog,
    ILogger<StartupCustomerLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var count = Math.Min(options.Value.SeedWhenEmpty, GenerateCustomersRequest.MaxCount);
        if (count <= 0)
        {
            return;
        }

        try
        {
            await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken))
            {
                if (await db.Set<Customer>().AnyAsync(stoppingToken) || await generation.ActiveRunAsync(stoppingToken) is not null)
                {
                    return;
                }
            }

            var result = await generation.StartAsync(RunOwner.System, count, stoppingToken);
            if (result.Started)
            {
                LogLoading(logger, count, result.Run.Id);
                await runLog.WriteAsync(result.Run.Id, RunLogLevel.Info,
                    "Started at start-up: the customers table was empty and Customers:SeedWhenEmpty asks for customers then.", stoppingToken);
            }
        }
        // A background service that throws stops the host: the app must serve whatever happens to this load.
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLoadFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The customers table is empty: generating {Count} customers in the background (run {RunId}). For 3,000,000: ./run.sh generate-customers --customers 3000000")]
    private static partial void LogLoading(ILogger logger, int count, Guid runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not start the start-up customer generation.")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception);
}
