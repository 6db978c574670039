using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Cluster;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Features.Operations;

/// <summary>
/// /api/operations/cluster: the app's instances for scripts, as the operations page's Cluster card shows them. For
/// Operators and Admins, who see every run, since an instance's running runs are anyone's.
/// </summary>
public static class ClusterEndpoints
{
    public static RouteGroupBuilder MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/operations/cluster").WithTags("Operations").RequireAuthorization(AppRoles.Operator);

        group.MapGet("/", GetCluster).WithName(nameof(GetCluster));
        group.MapGet("/{instanceId}", GetClusterInstance).WithName(nameof(GetClusterInstance));
        return group;
    }

    /// <summary>
    /// Every instance, the one answering first (currentInstanceId): state alive, late (a missed check-in), stopped (gracefully, its check-in not yet aged out) or lost (gone
    /// without a goodbye, listed for a while after it was last seen), or unknown (a node outside the cluster that runs
    /// work, the command line); host, process, version and start as it published them; Quartz's last check-in and its own
    /// last heartbeat; its open circuits; and its running runs.
    /// </summary>
    public static async Task<Ok<ClusterResponse>> GetCluster(ClaimsPrincipal user, ClusterService cluster, CancellationToken ct) =>
        TypedResults.Ok(await cluster.ReadAsync(RunViewer.Of(user), ct));

    /// <summary>One instance by its scheduler instance id (the node a run's attempts name); 404 when the cluster does not know it.</summary>
    public static async Task<Results<Ok<ClusterInstanceResponse>, NotFound, ValidationProblem>> GetClusterInstance(
        string instanceId, ClaimsPrincipal user, ClusterService cluster, CancellationToken ct)
    {
        if (instanceId.Length > ClusterInstanceConfiguration.InstanceIdLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [nameof(instanceId)] = [$"'{nameof(instanceId)}' must be at most {ClusterInstanceConfiguration.InstanceIdLength} characters: a scheduler instance id."],
            });
        }

        return await cluster.FindAsync(instanceId, RunViewer.Of(user), ct) is { } instance ? TypedResults.Ok(instance) : TypedResults.NotFound();
    }
}
