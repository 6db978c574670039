using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace TodoDashboard.Features.Customers.Generation;

/// <summary>The rows of the load: fake customers made in batches, each written as a row of the binary COPY, column by column.</summary>
public sealed partial class CustomerGenerationRunner
{
    /// <summary>
    /// Makes the remaining customers in chunks that never straddle a batch, so each batch is exactly its rows.
    /// It never throws: a failure (or being stopped) completes the channel, and the reader sees it.
    /// </summary>
    private async Task ProduceAsync(ChannelWriter<Customer[]> writer, CustomerGenerationRun run, int batchSize, CancellationToken ct)
    {
        try
        {
            // Seeded by where it starts, so a run and its resumption draw different people for different numbers.
            var faker = new CustomerFaker(unchecked((int)(run.FirstNumber + run.Done)), clock.GetUtcNow().UtcDateTime);
            for (var index = run.Done; index < run.Count;)
            {
                var batchEnd = Math.Min(run.Count, run.Done + ((((index - run.Done) / batchSize) + 1) * batchSize));
                var chunk = new Customer[Math.Min(ChunkSize, batchEnd - index)];
                for (var i = 0; i < chunk.Length; i++)
                {
                    chunk[i] = faker.Next(run.FirstNumber + index + i);
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
}
