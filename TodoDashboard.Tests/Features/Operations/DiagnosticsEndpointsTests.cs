using System.Net;
using System.Net.Http.Json;
using TodoDashboard.Features.Operations;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Tests.Features.Operations;

/// <summary>The Development-only memory endpoint bench/jobs.sh divides by the circuits open: real figures, for Admins.</summary>
public class DiagnosticsEndpointsTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    [Fact]
    public async Task An_admin_reads_the_heap_after_a_full_collection_beside_the_process_and_its_circuits()
    {
        var admin = await factory.CreateUserClientAsync(role: AppRoles.Admin);
        var collectionsBefore = GC.CollectionCount(GC.MaxGeneration);

        var memory = await admin.GetFromJsonAsync<MemoryDiagnostics>("/api/operations/diagnostics/memory");

        Assert.NotNull(memory);
        Assert.True(GC.CollectionCount(GC.MaxGeneration) > collectionsBefore, "The endpoint did not collect the heap.");
        Assert.InRange(memory.ManagedBytes, 1, memory.WorkingSetBytes);
        Assert.InRange(memory.HeapBytes, 1, memory.CommittedBytes);
        Assert.True(memory.WorkingSetBytes > memory.ManagedBytes);
        Assert.Equal(0, memory.CircuitsOpen);
        Assert.Equal(0, memory.CircuitsConnected);
    }

    [Fact]
    public async Task An_operator_is_refused_for_naming_the_admin_role()
    {
        var operatorClient = await factory.CreateUserClientAsync(role: AppRoles.Operator);

        var response = await operatorClient.GetAsync("/api/operations/diagnostics/memory");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(AppRoles.Admin, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
