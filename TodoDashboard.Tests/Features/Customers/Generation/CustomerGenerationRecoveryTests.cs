using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TodoDashboard.Features.Customers;
using TodoDashboard.Features.Customers.Generation;

namespace TodoDashboard.Tests.Features.Customers.Generation;

/// <summary>
/// Runs interrupted the way a shutdown interrupts them (the runner's token cancelled right after a commit), then left
/// to the app's recovery sweep, as after a crash or a killed command line; and a load that fails outright.
/// </summary>
public class CustomerGenerationRecoveryTests(CustomerGenerationFactory factory) : IClassFixture<CustomerGenerationFactory>
{
    private const int Count = 12_000;

    private CustomerGenerationService Generation => factory.Services.GetRequiredService<CustomerGenerationService>();

    private CustomerGenerationRunner Runner => factory.Services.GetRequiredService<CustomerGenerationRunner>();

    private string ConnectionString => factory.Database.ConnectionString;

    [Fact]
    public async Task A_run_interrupted_while_loading_resumes_from_its_last_batch_and_ends_with_exactly_count_rows_and_every_index()
    {
        await factory.ResetAsync();
        var run = (await Generation.CreateRunAsync("test", Count)).Run;

        await InterruptAsync(run.Id, r => r.Done >= CustomerGenerationFactory.BatchSize);

        var interrupted = (await Generation.GetRunAsync(run.Id))!;
        Assert.Equal((GenerationStatus.Loading, CustomerGenerationFactory.BatchSize), (interrupted.Status, interrupted.Done));
        Assert.Equal((long)CustomerGenerationFactory.BatchSize, await CustomerTables.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM customers"));
        Assert.Empty((await CustomerTables.IndexesAsync(ConnectionString)).GeneratedIndexNames());
        Assert.Equal(factory.MigrationIndexes.GeneratedIndexNames().Count(), interrupted.IndexTotal);

        var resumed = await factory.WaitForRunAsync(run.Id);

        Assert.Equal((GenerationStatus.Succeeded, Count), (resumed.Status, resumed.Done));
        await AssertExactlyTheRunsCustomersAsync(1, Count);
        Assert.Equal(factory.MigrationIndexes, await CustomerTables.IndexesAsync(ConnectionString));
    }

    [Fact]
    public async Task A_run_interrupted_while_indexing_builds_only_the_missing_indexes_when_resumed()
    {
        await factory.ResetAsync();
        var run = (await Generation.CreateRunAsync("test", Count)).Run;

        await InterruptAsync(run.Id, r => r.Status == GenerationStatus.Indexing && r.IndexesBuilt == 3);

        var interrupted = (await Generation.GetRunAsync(run.Id))!;
        Assert.Equal((GenerationStatus.Indexing, Count, 3), (interrupted.Status, interrupted.Done, interrupted.IndexesBuilt));
        Assert.Equal(3, (await CustomerTables.IndexesAsync(ConnectionString)).GeneratedIndexNames().Count());

        var resumed = await factory.WaitForRunAsync(run.Id);

        Assert.Equal((GenerationStatus.Succeeded, interrupted.IndexTotal), (resumed.Status, resumed.IndexesBuilt));
        await AssertExactlyTheRunsCustomersAsync(1, Count);
        Assert.Equal(factory.MigrationIndexes, await CustomerTables.IndexesAsync(ConnectionString));
    }

    [Fact]
    public async Task A_load_that_fails_keeps_its_committed_batches_rebuilds_the_indexes_and_ends_failed()
    {
        await factory.ResetAsync();
        var run = (await Generation.CreateRunAsync("test", Count)).Run;

        // Someone takes a number inside the run's range: the second batch cannot be copied.
        var taken = CustomerGenerationRunResponse.CustomerIdFor(CustomerGenerationFactory.BatchSize + 10);
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await CustomerTables.ExecuteAsync(connection, $"""
                INSERT INTO customers (first_name, last_name, gender, customer_id, created, last_updated, relationship_created)
                VALUES ('Ada', 'Lovelace', 'female', '{taken}', now(), now(), now())
                """);
        }

        var failed = await Runner.RunAsync(run.Id);

        Assert.NotNull(failed);
        Assert.Equal((GenerationStatus.Failed, CustomerGenerationFactory.BatchSize), (failed.Status, failed.Done));
        Assert.Contains("ux_customers_customer_id", failed.Error, StringComparison.Ordinal);
        Assert.Equal(failed.IndexTotal, failed.IndexesBuilt);
        Assert.Equal(factory.MigrationIndexes, await CustomerTables.IndexesAsync(ConnectionString));
        Assert.Equal(CustomerGenerationFactory.BatchSize + 1L, await CustomerTables.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM customers"));
        var stored = (await Generation.GetRunAsync(run.Id))!;
        Assert.Equal((failed.Status, failed.Done, failed.IndexesBuilt, failed.Error), (stored.Status, stored.Done, stored.IndexesBuilt, stored.Error));
    }

    [Fact]
    public async Task The_recovery_sweep_leaves_a_run_alone_while_a_process_holds_the_runner_lock_and_takes_it_up_after()
    {
        await factory.ResetAsync();
        var bornBefore = DateTime.UtcNow.AddMinutes(1);
        Guid id;
        await using (await GenerationApi.HoldRunnerLockAsync(ConnectionString))
        {
            id = (await Generation.CreateRunAsync("test", 10)).Run.Id;

            Assert.Empty(await Generation.ActiveIdsAsync(bornBefore, CancellationToken.None));
        }

        // Once the session holding the lock is gone, the sweep hands the run to Quartz.
        Assert.Equal(GenerationStatus.Succeeded, (await factory.WaitForRunAsync(id)).Status);
    }

    [Theory]
    [InlineData("CREATE INDEX ix_customers_city ON public.customers USING btree (lower((city)::text), id)",
        "CREATE INDEX IF NOT EXISTS ix_customers_city ON public.customers USING btree (lower((city)::text), id)")]
    [InlineData("CREATE UNIQUE INDEX ix_customers_x ON public.customers USING btree (x)",
        "CREATE UNIQUE INDEX IF NOT EXISTS ix_customers_x ON public.customers USING btree (x)")]
    [InlineData("CREATE INDEX IF NOT EXISTS ix_customers_y ON public.customers USING gin (y)",
        "CREATE INDEX IF NOT EXISTS ix_customers_y ON public.customers USING gin (y)")]
    public void Stored_definitions_are_rebuilt_with_if_not_exists(string definition, string expected) =>
        Assert.Equal(expected, CustomerGenerationRunner.IfNotExists(definition));

    /// <summary>Runs the run in-process and cancels it, as a shutdown would, as soon as <paramref name="when"/> holds after a commit.</summary>
    private async Task InterruptAsync(Guid id, Func<CustomerGenerationRunResponse, bool> when)
    {
        using var shutdown = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Runner.RunAsync(id, r =>
        {
            if (when(r))
            {
                shutdown.Cancel();
            }
        }, shutdown.Token));
    }

    private async Task AssertExactlyTheRunsCustomersAsync(long first, int count)
    {
        var row = await CustomerTables.RowAsync(ConnectionString,
            "SELECT count(*) AS rows, count(DISTINCT customer_id) AS ids, min(customer_id) AS first_id, max(customer_id) AS last_id FROM customers");
        Assert.Equal(((long)count, (long)count), ((long)row["rows"]!, (long)row["ids"]!));
        Assert.Equal(
            (CustomerGenerationRunResponse.CustomerIdFor(first), CustomerGenerationRunResponse.CustomerIdFor(first + count - 1)),
            ((string)row["first_id"]!, (string)row["last_id"]!));
    }
}
