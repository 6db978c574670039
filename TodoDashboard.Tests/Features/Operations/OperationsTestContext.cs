using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TodoDashboard.Features.Jobs;
using TodoDashboard.Infrastructure.Cluster;
using TodoDashboard.Infrastructure.LiveUpdates;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Features.Operations;

/// <summary>bUnit for the operations components on the app's own engine, kinds, notifier and cluster, and so its database and NOTIFY.</summary>
public abstract class OperationsTestContext : ComponentTestContext
{
    protected OperationsTestContext(TodoDashboardFactory factory) : base(factory)
    {
        Engine = UseAppService<RunEngine>();
        Hub = AppService<PostgresNotificationHub>();
        UseAppService<RunKinds>();
        UseAppService<RunNotifier>();
        UseAppService<ClusterService>();
        UseAppService<IOptions<ClusterOptions>>();
        Services.AddSingleton(TimeProvider.System);
    }

    protected RunEngine Engine { get; }

    protected PostgresNotificationHub Hub { get; }

    protected IServiceProvider App => Factory.Services;

    /// <summary>Starts a real job of <paramref name="items"/> items for <paramref name="ownerId"/>, once the notifier listens.</summary>
    protected async Task<Guid> StartJobAsync(string ownerId, int items)
    {
        await Hub.Listening.Task;
        var started = await Engine.StartAsync(AppService<JobKind>(), new RunOwner(ownerId, "Me"), new JobParameters { Items = items });
        return started.Value!.Run.Id;
    }
}
