using System.Diagnostics;
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
    /// Makes the customers from <paramref name="start"/> to <paramref name="count"/> in chunks that never straddle a
    /// batch, so each batch is exactly its rows. It never throws: a failure (or being stopped) completes the channel,
    /// and the reader sees it.
    /// </summary>
    private async Task ProduceAsync(ChannelWriter<Customer[]> writer, long firstNumber, long start, int count, int batchSize, CancellationToken ct)
    {
        try
        {
            // Seeded by where it starts, so a run and its resumption draw different people for different numbers.
            var faker = new CustomerFaker(unchecked((int)(firstNumber + start)), clock.GetUtcNow().UtcDateTime);
            for (var index = start; index < count;)
            {
                var batchEnd = Math.Min(count, start + ((((index - start) / batchSize) + 1) * batchSize));
                var chunk = new Customer[Math.Min(ChunkSize, batchEnd - index)];
                for (var i = 0; i < chunk.Length; i++)
                {
                    chunk[i] = faker.Next(firstNumber + index + i);
                }

                await writer.WriteAsync(chunk, ct);
                index += chunk.Length;
            }

            writer.Complete();
        }
        catch (Exception ex)
        {
            writer.Complete(ex);
        }
    }

    /// <summary>
    /// Copies the rest a batch per transaction, each committed with the run's progress and the customers' bulk change
    /// (so a resumed run neither loses nor repeats a batch); stops before the next batch once the run is cancelled.
    /// </summary>
    private async Task<GenerationStop?> CopyBatchesAsync(NpgsqlConnection connection, RunContext<GenerationParameters> run, CancellationToken ct)
    {
        var count = run.Parameters.Count;
        var start = run.Done;
        var batchSize = options.Value.BatchSizeFor(count);
        var chunks = Channel.CreateBounded<Customer[]>(new BoundedChannelOptions(32) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(() => ProduceAsync(chunks.Writer, run.Parameters.FirstNumber, start, count, batchSize, stop.Token), CancellationToken.None);
        GenerationStop? stopped = null;
        var loadStarted = Stopwatch.GetTimestamp();
        try
        {
            while (run.Done < count)
            {
                if (run.Cancelled.IsCancellationRequested)
                {
                    stopped = GenerationStop.Cancelled;
                    break;
                }

                var rows = (int)Math.Min(batchSize, count - run.Done);
                var figures = new LoadFigures { LoadMs = run.Data<GenerationData>().LoadMs ?? 0 };
                var batchStarted = Stopwatch.GetTimestamp();
                await run.CommitAsync(connection, async (batchConnection, transaction, token) =>
                {
                    await CopyAsync(batchConnection, chunks.Reader, rows, token);
                    figures.LoadMs += Stopwatch.GetElapsedTime(batchStarted).TotalMilliseconds;
                    await CustomerChange.Bulk.SendAsync(batchConnection, transaction, token);
                    return rows;
                }, new RunStep(LoadingMessage, figures), ct);
                Observe(run);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }

        var loaded = run.Done - start;
        var seconds = Stopwatch.GetElapsedTime(loadStarted).TotalSeconds;
        await run.LogAsync(RunLogLevel.Info, seconds > 0 && loaded > 0
            ? $"Loaded {loaded:N0} rows in {seconds:N1} s ({loaded / seconds:N0} rows/s)."
            : $"Loaded {loaded:N0} rows.", ct);
        return stopped;
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
}
