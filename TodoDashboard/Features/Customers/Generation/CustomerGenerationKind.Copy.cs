using System.Data;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Features.Customers.Generation;

/// <summary>The load: fake customers made in batches, each batch one binary COPY committed with the run's progress, column by column.</summary>
public sealed partial class CustomerGenerationKind
{
    private const string CopySql = """
        COPY customers (first_name, last_name, gender, customer_id, phone_number, birthday, created, last_updated,
                        street, street_number, city_code, city, country, points, relationship_created, last_activity)
        FROM STDIN (FORMAT BINARY)
        """;

    private const int ChunkSize = 2_000;

    /// <summary>
    /// Makes the customers of <paramref name="batches"/> in order, in chunks that never straddle a batch, each batch
    /// from a faker seeded by where it starts (so every lane, and a resumed run, draws the same people for the same
    /// numbers). It never throws: a failure (or being stopped) completes the channel, and the reader sees it.
    /// </summary>
    private async Task ProduceAsync(ChannelWriter<Customer[]> writer, long firstNumber, IReadOnlyList<LoadBatch> batches, CancellationToken ct)
    {
        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var batch in batches)
            {
                var faker = new CustomerFaker(unchecked((int)(firstNumber + batch.Start)), now);
                for (var index = batch.Start; index < batch.Start + batch.Rows;)
                {
                    var chunk = new Customer[Math.Min(ChunkSize, batch.Start + batch.Rows - index)];
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        chunk[i] = faker.Next(firstNumber + index + i);
                    }

                    await writer.WriteAsync(chunk, ct);
                    index += chunk.Length;
                }
            }

            writer.Complete();
        }
        catch (Exception ex)
        {
            writer.Complete(ex);
        }
    }

    /// <summary>
    /// Copies the rest a batch per transaction on <see cref="CustomerGenerationOptions.LoadConnectionsAtOnce"/>
    /// connections at once (batch k on lane k mod n), each committed with the run's progress and the customers' bulk
    /// change. The COPYs overlap but the commits go strictly in batch order, each after the one before it, so
    /// <c>Done</c> is always a whole prefix of the run and a resumed run neither loses nor repeats a batch. Once the run
    /// is cancelled, or a batch fails, no later batch commits.
    /// </summary>
    private async Task<GenerationStop?> CopyBatchesAsync(NpgsqlConnection connection, RunContext<GenerationParameters> run, CancellationToken ct)
    {
        var count = run.Parameters.Count;
        var start = run.Done;
        var batchSize = options.Value.BatchSizeFor(count);
        var batches = new List<LoadBatch>();
        for (var first = start; first < count; first += batchSize)
        {
            batches.Add(new LoadBatch(batches.Count, first, (int)Math.Min(batchSize, count - first)));
        }

        var lanes = Math.Clamp(options.Value.LoadConnectionsAtOnce, 1, Math.Max(1, batches.Count));
        var committed = batches.Select(_ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var load = new LoadProgress(run.Data<GenerationData>().LoadMs ?? 0);
        var laneTasks = Enumerable.Range(0, lanes)
            .Select(lane => Task.Run(() => CopyLaneAsync(
                lane == 0 ? connection : null, run, batches.Where(b => b.Index % lanes == lane).ToList(), committed, load, ct), CancellationToken.None))
            .ToArray();
        try
        {
            await Task.WhenAll(laneTasks);
        }
        catch when (laneTasks.FirstOrDefault(t => t.IsFaulted) is { Exception.InnerException: { } failure })
        {
            // A lane's own failure is the run's (lanes that only stopped because of it end quietly), not WhenAll's aggregate.
            ExceptionDispatchInfo.Throw(failure);
        }

        var loaded = run.Done - start;
        var seconds = Stopwatch.GetElapsedTime(load.Started).TotalSeconds;
        await run.LogAsync(RunLogLevel.Info, seconds > 0 && loaded > 0
            ? $"Loaded {loaded:N0} rows in {seconds:N1} s ({loaded / seconds:N0} rows/s) on {lanes} connection(s)."
            : $"Loaded {loaded:N0} rows.", ct);
        return load.Stopped;
    }

    /// <summary>
    /// One lane: its batches in order on its own connection (the run's own for lane 0), made by a producer of its own.
    /// A batch that may not commit (the one before it did not) rolls back and ends the lane quietly.
    /// </summary>
    private async Task CopyLaneAsync(
        NpgsqlConnection? runConnection, RunContext<GenerationParameters> run, List<LoadBatch> batches, TaskCompletionSource<bool>[] committed,
        LoadProgress load, CancellationToken ct)
    {
        var chunks = Channel.CreateBounded<Customer[]>(new BoundedChannelOptions(16) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(() => ProduceAsync(chunks.Writer, run.Parameters.FirstNumber, batches, stop.Token), CancellationToken.None);
        var current = -1;
        NpgsqlConnection? own = null;
        try
        {
            var connection = runConnection ?? (own = await dataSource.OpenConnectionAsync(ct));
            foreach (var batch in batches)
            {
                current = batch.Index;
                if (run.Cancelled.IsCancellationRequested)
                {
                    load.Stopped = GenerationStop.Cancelled;
                    committed[batch.Index].TrySetResult(false);
                    return;
                }

                var figures = new LoadFigures();
                try
                {
                    await run.CommitAsync(connection, async (batchConnection, transaction, token) =>
                    {
                        await CopyAsync(batchConnection, chunks.Reader, batch.Rows, token);

                        // The batch before this one first: the run's Done only ever grows by whole batches, in order.
                        if (batch.Index > 0 && !await committed[batch.Index - 1].Task.WaitAsync(token))
                        {
                            throw new BatchSkippedException();
                        }

                        figures.LoadMs = load.EarlierMs + Stopwatch.GetElapsedTime(load.Started).TotalMilliseconds;
                        await CustomerChange.Bulk.SendAsync(batchConnection, transaction, token);
                        return batch.Rows;
                    }, new RunStep(LoadingMessage, figures), ct);
                }
                catch (BatchSkippedException)
                {
                    committed[batch.Index].TrySetResult(false);
                    return;
                }

                // Observers see the steps in order, each before the next batch may commit.
                Observe(run);
                committed[batch.Index].TrySetResult(true);
            }
        }
        catch (Exception ex)
        {
            if (current >= 0)
            {
                committed[current].TrySetResult(false);
            }

            var lane = runConnection ?? own;
            if (ex is NpgsqlException && lane?.FullState != ConnectionState.Open && !ct.IsCancellationRequested)
            {
                throw new LoadConnectionLostException(ex);
            }

            throw;
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>One batch: exactly <paramref name="rows"/> customers from the channel, in one COPY, in the connection's transaction.</summary>
    private static async Task CopyAsync(NpgsqlConnection connection, ChannelReader<Customer[]> chunks, int rows, CancellationToken ct)
    {
        await using var importer = await connection.BeginBinaryImportAsync(CopySql, ct);
        for (var written = 0; written < rows;)
        {
            var chunk = await chunks.ReadAsync(ct);
            foreach (var customer in chunk)
            {
                Write(importer, customer);
            }

            written += chunk.Length;
        }

        await importer.CompleteAsync(ct);
    }

    // Synchronous on purpose: the importer only touches the socket when its buffer fills, and an await per column
    // costs more than the row itself. This runs on the run's own thread, never on a request's.
    private static void Write(NpgsqlBinaryImporter importer, Customer customer)
    {
        importer.StartRow();
        importer.Write(customer.FirstName, NpgsqlDbType.Varchar);
        importer.Write(customer.LastName, NpgsqlDbType.Varchar);
        importer.Write(GenderNames.ToName(customer.Gender), NpgsqlDbType.Varchar);
        importer.Write(customer.CustomerId, NpgsqlDbType.Varchar);
        WriteNullable(importer, customer.PhoneNumber);
        if (customer.Birthday is { } birthday)
        {
            importer.Write(birthday, NpgsqlDbType.Date);
        }
        else
        {
            importer.WriteNull();
        }

        importer.Write(customer.Created, NpgsqlDbType.TimestampTz);
        importer.Write(customer.LastUpdated, NpgsqlDbType.TimestampTz);
        var address = customer.Address;
        WriteNullable(importer, address?.Street);
        WriteNullable(importer, address?.StreetNumber);
        WriteNullable(importer, address?.CityCode);
        WriteNullable(importer, address?.City);
        WriteNullable(importer, address?.Country);
        importer.Write(customer.Relationship.Points, NpgsqlDbType.Integer);
        importer.Write(customer.Relationship.Created, NpgsqlDbType.TimestampTz);
        if (customer.Relationship.LastActivity is { } lastActivity)
        {
            importer.Write(lastActivity, NpgsqlDbType.TimestampTz);
        }
        else
        {
            importer.WriteNull();
        }
    }

    private static void WriteNullable(NpgsqlBinaryImporter importer, string? value)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, NpgsqlDbType.Varchar);
        }
    }

    /// <summary>A batch's figures, completed by the batch itself: the engine serialises a step's data once the step has run.</summary>
    private sealed class LoadFigures
    {
        public double LoadMs { get; set; }
    }

    /// <summary>A load's shared state across its lanes: when it started, the time earlier attempts loaded, and why it stopped.</summary>
    private sealed class LoadProgress(double earlierMs)
    {
        public long Started { get; } = Stopwatch.GetTimestamp();

        public double EarlierMs { get; } = earlierMs;

        public GenerationStop? Stopped { get; set; }
    }

    /// <summary>A batch of the load: its place in commit order, its first row (from the run's start) and its size.</summary>
    private sealed record LoadBatch(int Index, long Start, int Rows);

    /// <summary>A batch that must not commit because the one before it did not; its lane rolls it back and stops.</summary>
    private sealed class BatchSkippedException : Exception;
}

/// <summary>A load lane lost its connection: like a crash, the run stays Loading and resumes from its last committed batch.</summary>
internal sealed class LoadConnectionLostException(Exception inner) : Exception("A load connection was lost.", inner);
