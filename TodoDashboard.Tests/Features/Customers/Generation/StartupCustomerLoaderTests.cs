using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Features.Customers.Generation;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Features.Customers.Generation;

public class StartupLoadingCustomerGenerationFactory : CustomerGenerationFactory
{
    public const int CountWhenEmpty = 2_500;

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Customers:SeedWhenEmpty"] = CountWhenEmpty.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

public class StartupCustomerLoaderTests(StartupLoadingCustomerGenerationFactory factory) : IClassFixture<StartupLoadingCustomerGenerationFactory>
{
    [Fact]
    public async Task An_empty_customers_table_gets_a_background_run_of_Customers_SeedWhenEmpty_at_start_up()
    {
        var generation = factory.Services.GetRequiredService<CustomerGenerationService>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        IReadOnlyList<CustomerGenerationRunResponse> runs;
        while ((runs = await generation.ListRunsAsync(timeout.Token)).Count == 0)
        {
            await Task.Delay(50, timeout.Token);
        }

        var run = await factory.WaitForRunAsync(Assert.Single(runs).Id);

        Assert.Equal((GenerationStatus.Succeeded, StartupLoadingCustomerGenerationFactory.CountWhenEmpty, RunOwner.System.Name), (run.Status, run.Done, run.StartedBy));
        Assert.True(await CustomerTables.ScalarAsync<bool>(factory.Database.ConnectionString, $"SELECT owner_id IS NULL FROM runs WHERE id = '{run.Id}'"));
        Assert.Equal((long)StartupLoadingCustomerGenerationFactory.CountWhenEmpty, await CustomerTables.ScalarAsync<long>(factory.Database.ConnectionString, "SELECT count(*) FROM customers"));
    }
}
