using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TodoDashboard.Features.Customers.Generation;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Features.Customers.Generation;

/// <summary>
/// Runs interrupted the way a shutdown interrupts them (the executor's token cancelled right after a commit), then left
/// to the app's recovery sweep, as after a crash or a killed command line; a load that fails outright; and a load a
/// user cancels.
/// </summary>
public class CustomerGenerationRecoveryTests(CustomerGenerationFactory factory) : IClassFixture<CustomerGenerationFactory>
{
    private const int Count = 12_000;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private CustomerGenerationService Generation => factory.Services.GetRequiredService<CustomerGenerationService>();

    private CustomerGenerationKind Kind => factory.Services.GetRequiredService<CustomerGenerationKind>();

    private RunExecutor Executor => factory.Services.GetRequiredService<RunExecutor>();

    private string ConnectionString => factory.Database.ConnectionString;

    [Fact]
    public async Task A_run_interrupted_while_loading_resumes_from_its_last_batch_and_ends_with_exactly_count_rows_and_every_index()
    {
        await factory.ResetAsync();
        var run = (await Generation.QueueAsync(GenerationApi.TestOwner, Count)).Run;

        CustomerGenerationRunResponse interrupted;
        await using (await factory.PauseSchedulerAsync())
        {
            await InterruptAsync(run.Id, r => r.Done >= CustomerGenerationFactory.BatchSize);

            interrupted = (await Generation.GetRunAsync(run.Id))!;
            Assert.Equal((GenerationStatus.Loading, CustomerGenerationFactory.BatchSize), (interrupted.Status, interrupted.Done));
            Assert.Equal((long)CustomerGenerationFactory.BatchSize, await CustomerTables.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM customers"));
            Assert.Empty((await CustomerTables.IndexesAsync(ConnectionString)).GeneratedIndexNames());
            Assert.Equal(factory.MigrationIndexes.GeneratedIndexNames().Count(), interrupted.IndexTotal);
        }

        var resumed = await factory.WaitForRunAsync(run.Id);

        Assert.Equal((GenerationStatus.Succeeded, Count), (resumed.Status, resumed.Done));
        await AssertExactlyTheRunsCustomersAsync(1, Count);
        Assert.Equal(factory.MigrationIndexes, await CustomerTables.IndexesAsync(ConnectionString));
    }

    [Fact]
    public async Task A_run_interrupted_while_indexing_builds_only_the_missing_indexes_when_resumed()
    {
        await factory.ResetAsync();
        var run = (await Generation.QueueAsync(GenerationApi.TestOwner, Count)).Run;

        CustomerGenerationRunResponse interrupted;
        await using (await factory.PauseSchedulerAsync())
        {
            await InterruptAsync(run.Id, r => r.Status == GenerationStatus.Indexing && r.IndexesBuilt == 3);

            interrupted = (await Generation.GetRunAsync(run.Id))!;
            Assert.Equal((GenerationStatus.Indexing, Count, 3), (interrupted.Status, interrupted.Done, interrupted.IndexesBuilt));
            Assert.Equal(3, (await CustomerTables.IndexesAsync(ConnectionString)).GeneratedIndexNames().Count());
        }

        var resumed = await factory.WaitForRunAsync(run.Id);

        Assert.Equal((GenerationStatus.Succeeded, interrupted.IndexTotal), (resumed.Status, resumed.IndexesBuilt));
        await AssertExactlyTheRunsCustomersAsync(1, Count);
        Assert.Equal(factory.MigrationIndexes, await CustomerTables.IndexesAsync(ConnectionString));
    }

    [Fact]
    public async Task A_load_that_fails_keeps_its_committed_batches_rebuilds_the_indexes_and_ends_failed()
    {
        await factory.ResetAsync();
        var run = (await Generation.QueueAsync(GenerationApi.TestOwner, Count)).Run;

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

        Assert.Equal(RunExecution.Executed, await Executor.ExecuteAsync(run.Id, "test", CancellationToken.None));

        var failed = (await Generation.GetRunAsync(run.Id))!;
        Assert.Equal((GenerationStatus.Failed, CustomerGenerationFactory.BatchSize), (failed.Status, failed.Done));
        Assert.Contains("ux_customers_customer_id", failed.Error, StringComparison.Ordinal);
        Assert.StartsWith("Loading stopped after 5,000 of 12,000 customers: a customer id in this run's range is already taken", failed.Error, StringComparison.Ordinal);
        Assert.Equal(factory.MigrationIndexes.GeneratedIndexNames().Count(), failed.IndexTotal);
        Assert.Equal(failed.IndexTotal, failed.IndexesBuilt);
        Assert.Equal(factory.MigrationIndexes, await CustomerTables.IndexesAsync(ConnectionString));
        Assert.Equal(CustomerGenerationFactory.BatchSize + 1L, await CustomerTables.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM customers"));
    }

    [Fact]
    public async Task Cancelling_a_bulk_run_mid_load_ends_it_cancelled_with_every_dropped_index_rebuilt_and_the_committed_rows_kept()
    {
        await factory.ResetAsync();
        const int count = 20_000;
        var firstBatch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancelled = new ManualResetEventSlim();
        CustomerGenerationRunResponse started;
        IDisposable observation;
        await using (await factory.PauseSchedulerAsync())
        {
            started = (await Generation.StartAsync(GenerationApi.TestOwner, count)).Run;

            // The run waits after its first batch until the cancel is in, so it is cancelled mid-load whatever the machine's speed.
            observation = Kind.ObserveSteps(started.Id, step =>
            {
                if (step is { Status: GenerationStatus.Loading, Done: > 0 } && firstBatch.TrySetResult())
                {
                    cancelled.Wait(Timeout);
                }
            });
        }

        using (observation)
        {
            await firstBatch.Task.WaitAsync(Timeout);
            var cancel = await Generation.CancelAsync(new RunViewer("operator", SeesAll: true), started.Id);
            cancelled.Set();
            Assert.Equal(RunActionOutcome.Done, cancel.Outcome);
        }

        var run = await factory.WaitForRunAsync(started.Id);

        Assert.Equal(GenerationStatus.Cancelled, run.Status);
        Assert.InRange(run.Done, CustomerGenerationFactory.BatchSize, count - CustomerGenerationFactory.BatchSize);
        Assert.Equal(0, run.Done % CustomerGenerationFactory.BatchSize);
        Assert.Null(run.Error);
        await AssertExactlyTheRunsCustomersAsync(1, run.Done);
        var dropped = factory.MigrationIndexes.GeneratedIndexNames().Count();
        Assert.True(dropped > 0);
        Assert.Equal((dropped, dropped), (run.IndexTotal, run.IndexesBuilt));
        Assert.Equal(factory.MigrationIndexes, await CustomerTables.IndexesAsync(ConnectionString));
        var log = (await factory.Services.GetRequiredService<RunEngine>().DetailsAsync(run.Id, new RunViewer("operator", SeesAll: true)))!.Log
            .Select(l => l.Text).ToList();
        Assert.Contains(log, l => l.StartsWith($"Dropped {dropped} search indexes", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith($"Cancel seen after {run.Done:N0} of {count:N0} customers", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith($"Loaded {run.Done:N0} rows", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith($"Rebuilt the {dropped} search indexes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_recovery_sweep_leaves_a_run_alone_while_a_process_holds_its_lock_and_takes_it_up_after()
    {
        await factory.ResetAsync();
        var id = (await Generation.QueueAsync(GenerationApi.TestOwner, 10)).Run.Id;
        await using (await GenerationApi.HoldRunLockAsync(ConnectionString, id))
        {
            // Several sweeps (one a second here) pass while the lock is held: each must leave the run to its holder.
            await Task.Delay(TimeSpan.FromSeconds(3));

            var waiting = (await Generation.GetRunAsync(id))!;
            Assert.Equal((GenerationStatus.Queued, 0, null), (waiting.Status, waiting.Done, waiting.StartedAt));
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
        Assert.Equal(expected, CustomerGenerationKind.IfNotExists(definition));

    /// <summary>Executes the run in-process and cancels it, as a shutdown would, as soon as <paramref name="when"/> holds after a commit.</summary>
    private async Task InterruptAsync(Guid id, Func<GenerationProgress, bool> when)
    {
        using var shutdown = new CancellationTokenSource();
        using (Kind.ObserveSteps(id, step =>
        {
            if (when(step))
            {
                shutdown.Cancel();
            }
        }))
        {
            // The engine takes a shutdown as an interruption: the attempt ends, and the run stays active.
            Assert.Equal(RunExecution.Executed, await Executor.ExecuteAsync(id, "test", shutdown.Token));
        }

        Assert.True(shutdown.IsCancellationRequested);
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
