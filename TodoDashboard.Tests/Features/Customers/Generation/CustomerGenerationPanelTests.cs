using Bunit;
using Microsoft.AspNetCore.Components;
using TodoDashboard.Features.Customers.Components;
using TodoDashboard.Features.Customers.Generation;
using TodoDashboard.Infrastructure.LiveUpdates;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Tests.Infrastructure;

namespace TodoDashboard.Tests.Features.Customers.Generation;

/// <summary>The generator panel starts a real run and follows it live (NOTIFY from the runs table) to its result.</summary>
public class CustomerGenerationPanelTests : ComponentTestContext<CustomerGenerationFactory>
{
    public CustomerGenerationPanelTests(CustomerGenerationFactory factory) : base(factory)
    {
        UseAppService<CustomerGenerationService>();
        UseAppService<PostgresNotificationHub>();
        UseAppService<TimeProvider>();
        AuthorizeAs(AppRoles.Operator);
    }

    [Fact]
    public async Task Generating_from_the_panel_shows_progress_then_the_result_and_reloads_the_list()
    {
        await Factory.ResetAsync();
        await AppService<PostgresNotificationHub>().Listening.Task.WaitAsync(DatabaseTimeout);
        var finished = 0;
        var panel = Render<CustomerGenerationPanel>(p => p.Add(c => c.OnFinished, () => finished++));

        await panel.Find("input[data-testid=generate-count]").ChangeAsync(new ChangeEventArgs { Value = "12000" });
        await panel.Find("button[data-testid=generate-start]").ClickAsync(new());

        panel.WaitForElement("[data-testid=generation-progress]", DatabaseTimeout);
        Assert.True(panel.Find("button[data-testid=generate-start]").HasAttribute("disabled"));
        panel.WaitForAssertion(() => Assert.Contains("Last run: 12,000 customers", panel.Find("[data-testid=generation-result]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Assert.Equal(1, finished);
        Assert.False(panel.Find("button[data-testid=generate-start]").HasAttribute("disabled"));
        Assert.Equal(12_000, await CustomerTables.ScalarAsync<long>(Factory.Database.ConnectionString, "SELECT count(*) FROM customers"));
    }
}
