using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Features.Operations.Components;
using TodoDashboard.Infrastructure.Cluster;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Features.Operations;

/// <summary>The Cluster card's table, given what it shows: loading, empty, a failed read, and instances.</summary>
[Trait("Category", "Unit")]
public class ClusterInstancesTableTests : MudComponentTest
{
    private static readonly DateTime Now = new(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);

    public ClusterInstancesTableTests() => Services.AddSingleton(new RunKinds([]));

    [Fact]
    public void Before_the_first_read_it_shows_a_named_progress_bar_and_no_table()
    {
        var card = Render<ClusterInstancesTable>();

        Assert.Equal("Loading the cluster", card.Find("[role=progressbar]").GetAttribute("aria-label"));
        Assert.Empty(card.FindAll("[data-testid=cluster-table]"));
        Assert.Empty(card.FindAll("[data-testid=cluster-empty]"));
    }

    [Fact]
    public void A_cluster_with_no_instance_says_so()
    {
        var card = Render<ClusterInstancesTable>(p => p.Add(c => c.Cluster, new ClusterResponse("me", Now, [])));

        Assert.Contains("No instance is listed", card.Find("[data-testid=cluster-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(card.FindAll("[role=progressbar]"));
        Assert.Empty(card.FindAll("[data-testid=cluster-summary]"));
    }

    [Fact]
    public void A_failed_first_read_shows_the_error_instead_of_loading_for_ever()
    {
        var card = Render<ClusterInstancesTable>(p => p.Add(c => c.Error, "Could not read the cluster: the database could not be reached."));

        Assert.Equal("Could not read the cluster: the database could not be reached.", card.Find("[data-testid=cluster-error]").TextContent.Trim());
        Assert.Empty(card.FindAll("[role=progressbar]"));
    }

    [Fact]
    public void Each_instance_shows_its_state_host_last_sign_of_life_circuits_and_running_runs_and_this_page_is_marked()
    {
        var run = RunResponse.From(new Run
        {
            Id = Guid.CreateVersion7(), Kind = "jobs", OwnerName = "Ada", Parameters = "{}", Data = "{}", State = RunState.Running, Done = 4, Total = 10, StartedAt = Now,
        });
        var current = new ClusterInstanceResponse("node-a", ClusterInstanceState.Alive, IsCurrent: true, "host-a", 101, "1.2.3", Now.AddHours(-1),
            Now.AddSeconds(-2), Now.AddSeconds(-3), Circuits: 2, []);
        var lost = new ClusterInstanceResponse("node-b", ClusterInstanceState.Lost, IsCurrent: false, "host-b", 202, "1.2.3", Now.AddHours(-2),
            LastCheckInAt: null, Now.AddMinutes(-3), Circuits: 0, [run]);

        var card = Render<ClusterInstancesTable>(p => p.Add(c => c.Cluster, new ClusterResponse("node-a", Now, [current, lost])));

        Assert.Equal("2 instances, 1 alive", card.Find("[data-testid=cluster-summary]").TextContent);
        var rows = card.FindAll("[data-testid=cluster-table] tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Equal(("node-a", "Alive", "host-a · pid 101", "2 s ago", "2", "nothing"), Row(rows[0]));
        Assert.Equal(("node-b", "Lost", "host-b · pid 202", "3 min ago", "0", $"jobs {RunDisplay.ShortId(run.Id)} 40%"), Row(rows[1]));
        Assert.Equal("this page", Assert.Single(card.FindAll("[data-testid=cluster-this-page]")).TextContent.Trim());
        Assert.NotNull(rows[0].QuerySelector("[data-testid=cluster-this-page]"));
        var link = rows[1].QuerySelector("a[data-testid=cluster-run-link]")!;
        Assert.Equal($"operations/{run.Id}", link.GetAttribute("href"));
        Assert.Equal($"jobs {RunDisplay.ShortId(run.Id)}", link.GetAttribute("aria-label"));
    }

    private static (string Instance, string State, string Host, string Heard, string Circuits, string Running) Row(AngleSharp.Dom.IElement row)
    {
        string Text(string testId) => System.Text.RegularExpressions.Regex.Replace(row.QuerySelector($"[data-testid={testId}]")!.TextContent, @"\s+", " ").Trim();
        var host = row.QuerySelector("[data-testid=cluster-host] span")!.TextContent.Trim();
        return (row.QuerySelector("[data-testid=cluster-instance]")!.GetAttribute("data-instance-id")!, Text("cluster-state"), host,
            Text("cluster-last-heard"), Text("cluster-circuits"), Text("cluster-running"));
    }
}
