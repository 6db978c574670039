using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TodoDashboard.Features.Customers;
using TodoDashboard.Features.Customers.Generation;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.LiveUpdates;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Features.Customers.Generation;

/// <summary>Generation runs change one shared table, so this class's tests run one after another on its own database.</summary>
public class CustomerGenerationEndpointsTests(CustomerGenerationFactory factory) : IClassFixture<CustomerGenerationFactory>
{
    private const int Count = 20_000;

    [Fact]
    public async Task Generating_through_the_api_loads_exactly_the_count_in_the_original_demos_proportions_and_rebuilds_every_index()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        await factory.ResetAsync();
        var hub = factory.Services.GetRequiredService<PostgresNotificationHub>();
        await hub.Listening.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var runEvents = new ConcurrentQueue<RunChange?>();
        using var subscription = factory.Services.GetRequiredService<RunNotifier>()
            .Subscribe(change => change.Kind == CustomerGenerationKind.KindName, runEvents.Enqueue);
        await using var changes = await ListenAsync(CustomerChange.Channel);

        var started = await (await client.GenerateAsync(Count)).AcceptedRunAsync();
        var run = await factory.WaitForRunAsync(started.Id);

        Assert.Equal(GenerationStatus.Succeeded, run.Status);
        Assert.Equal((Count, Count, 100.0), (run.Count, run.Done, run.Percent));
        Assert.Equal(("C000000001", "C000020000"), (run.FirstCustomerId, run.LastCustomerId));
        var generatedIndexes = factory.MigrationIndexes.GeneratedIndexNames().Count();
        Assert.Equal((generatedIndexes, generatedIndexes), (run.IndexesBuilt, run.IndexTotal));
        Assert.True(run.LoadMs > 0 && run.IndexMs > 0 && run.RowsPerSecond > 0);
        Assert.Null(run.Error);
        Assert.Equal(factory.MigrationIndexes, await CustomerTables.IndexesAsync(factory.Database.ConnectionString));
        Assert.Contains(runEvents, change => change is { } c && c.Id == started.Id);
        // One "bulk" change a batch, as read back (the payload also carries its send time, which the change does not keep).
        var received = await changes.ReceivedAsync();
        Assert.Equal(Enumerable.Repeat(GenerationApi.BulkPayload, Count / CustomerGenerationFactory.BatchSize),
            received.Select(payload => CustomerChange.FromPayload(payload)?.ToPayload()));
        Assert.All(received, payload => Assert.NotNull(NotificationSentAt.Read(payload)));

        var data = await CustomerTables.RowAsync(factory.Database.ConnectionString, """
            SELECT count(*) AS rows, count(DISTINCT customer_id) AS ids, min(customer_id) AS first_id, max(customer_id) AS last_id,
                count(*) FILTER (WHERE street IS NOT NULL) AS with_address,
                count(*) FILTER (WHERE num_nulls(street, street_number, city_code, city, country) NOT IN (0, 5)) AS partial_address,
                count(*) FILTER (WHERE city_code !~ '^[0-9]+$' OR street !~ '^[A-Za-z].* [A-Za-z]+$') AS odd_address,
                count(*) FILTER (WHERE last_activity IS NOT NULL) AS active,
                count(*) FILTER (WHERE last_activity IS NULL AND points <> 0) AS inactive_with_points,
                count(*) FILTER (WHERE points NOT BETWEEN 0 AND 50000) AS points_out_of_range,
                count(*) FILTER (WHERE last_activity < created OR last_activity > now() OR last_activity < now() - interval '1095 days') AS odd_activity,
                count(*) FILTER (WHERE phone_number IS NOT NULL) AS with_phone,
                count(*) FILTER (WHERE phone_number !~ '^\+(43|49|33|39|34)[0-9]{9}$') AS odd_phone,
                count(DISTINCT left(phone_number, 3)) AS phone_prefixes,
                count(*) FILTER (WHERE birthday IS NULL OR extract(year FROM birthday) NOT BETWEEN 1940 AND 2005) AS odd_birthday,
                count(*) FILTER (WHERE gender IN ('male', 'female')) AS male_or_female,
                count(DISTINCT gender) AS genders,
                count(*) FILTER (WHERE created < now() - interval '5 years 2 days' OR created > now()
                    OR last_updated NOT BETWEEN created AND now() OR relationship_created <> created) AS odd_dates,
                count(*) FILTER (WHERE search_vector IS NULL OR search_vector = ''::tsvector) AS without_search_vector
            FROM customers
            """);
        Assert.Equal((long)Count, data["rows"]);
        Assert.Equal((long)Count, data["ids"]);
        Assert.Equal(("C000000001", "C000020000"), ((string)data["first_id"]!, (string)data["last_id"]!));
        AssertShare(0.30, 0.02, data["with_address"]);
        AssertShare(0.80, 0.02, data["active"]);
        AssertShare(0.95, 0.015, data["with_phone"]);
        AssertShare(0.94, 0.02, data["male_or_female"]);
        Assert.Equal(5L, data["phone_prefixes"]);
        Assert.Equal(4L, data["genders"]);
        foreach (var wrong in new[] { "partial_address", "odd_address", "inactive_with_points", "points_out_of_range", "odd_activity", "odd_phone", "odd_birthday", "odd_dates", "without_search_vector" })
        {
            Assert.True(data[wrong] is 0L, $"{wrong}: {data[wrong]}");
        }

        var lastName = await CustomerTables.ScalarAsync<string>(factory.Database.ConnectionString, "SELECT last_name FROM customers WHERE id = 1234");
        var found = await CustomerTables.ScalarAsync<long>(factory.Database.ConnectionString,
            $"SELECT count(*) FROM customers WHERE search_vector @@ plainto_tsquery('simple', '{lastName.Replace("'", "''", StringComparison.Ordinal)}')");
        Assert.True(found >= 1);
    }

    [Fact]
    public async Task A_small_run_into_a_fuller_table_keeps_the_indexes_and_continues_the_numbers()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        await factory.ResetAsync();
        await factory.WaitForRunAsync((await (await client.GenerateAsync(12_000)).AcceptedRunAsync()).Id);

        var second = await factory.WaitForRunAsync((await (await client.GenerateAsync(3_000)).AcceptedRunAsync()).Id);

        Assert.Equal(GenerationStatus.Succeeded, second.Status);
        Assert.Equal(("C000012001", "C000015000", 0, 0), (second.FirstCustomerId, second.LastCustomerId, second.IndexTotal, second.IndexesBuilt));
        Assert.Null(second.IndexMs);
        Assert.Equal(15_000L, await CustomerTables.ScalarAsync<long>(factory.Database.ConnectionString, "SELECT count(DISTINCT customer_id) FROM customers"));
        Assert.Equal(factory.MigrationIndexes, await CustomerTables.IndexesAsync(factory.Database.ConnectionString));
        var runs = await (await client.GetAsync("/api/customers/generate")).ReadAsync<List<CustomerGenerationRunResponse>>();
        Assert.Equal([second.Id], runs.Take(1).Select(r => r.Id));
        Assert.Equal(2, runs.Count);
    }

    [Fact]
    public async Task Numbers_continue_after_customer_ids_already_in_the_table()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        await factory.ResetAsync();
        await using (var connection = new NpgsqlConnection(factory.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await CustomerTables.ExecuteAsync(connection, """
                INSERT INTO customers (first_name, last_name, gender, customer_id, created, last_updated, relationship_created)
                VALUES ('Ada', 'Lovelace', 'female', 'C000000500', now(), now(), now()),
                       ('Alan', 'Turing', 'male', 'C9999999999', now(), now(), now()),
                       ('Grace', 'Hopper', 'female', 'X000000900', now(), now(), now())
                """);
        }

        var run = await factory.WaitForRunAsync((await (await client.GenerateAsync(100)).AcceptedRunAsync()).Id);

        Assert.Equal((GenerationStatus.Succeeded, "C000000501"), (run.Status, run.FirstCustomerId));
    }

    [Fact]
    public async Task A_second_start_while_a_run_is_active_answers_409_with_the_active_run_and_its_location()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        await factory.ResetAsync();
        CustomerGenerationRunResponse first;
        await using (await factory.PauseSchedulerAsync())
        {
            first = await (await client.GenerateAsync(1_000)).AcceptedRunAsync();

            var second = await client.GenerateAsync(2_000);

            Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
            Assert.Equal($"/api/customers/generate/{first.Id}", second.Headers.Location?.OriginalString);
            var problem = await second.ReadAsync<ProblemDetails>();
            Assert.Equal(first.Id.ToString(), problem.Extensions["activeRunId"]?.ToString());
            Assert.Equal(GenerationStatus.Queued, (await factory.Services.GetRequiredService<CustomerGenerationService>().ActiveRunAsync())?.Status);
        }

        // Once the scheduler runs again, the queued run is executed.
        var run = await factory.WaitForRunAsync(first.Id);
        Assert.Equal((GenerationStatus.Succeeded, 1_000), (run.Status, run.Done));
        Assert.Equal(1_000L, await CustomerTables.ScalarAsync<long>(factory.Database.ConnectionString, "SELECT count(*) FROM customers"));
    }

    [Theory]
    [InlineData("""{"count":0}""")]
    [InlineData("""{"count":6000000}""")]
    [InlineData("""{"count":-5}""")]
    [InlineData("""{"count":"lots"}""")]
    [InlineData("""{}""")]
    public async Task A_count_outside_1_to_5_000_000_answers_400_naming_count_and_starts_nothing(string body)
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);

        var response = await client.PostAsync("/api/customers/generate", GenerationApi.JsonContent(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("count", (await response.ReadAsync<ValidationProblemDetails>()).Errors.Keys);
        Assert.Null(await factory.Services.GetRequiredService<CustomerGenerationService>().ActiveRunAsync());
    }

    [Fact]
    public async Task An_unknown_run_is_404()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/customers/generate/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Generation_routes_answer_401_without_a_signed_in_user()
    {
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GenerateAsync(10)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/customers/generate")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/customers/generate/{Guid.NewGuid()}")).StatusCode);
    }

    private static void AssertShare(double expected, double tolerance, object? count)
    {
        var share = (long)count! / (double)Count;
        Assert.InRange(share, expected - tolerance, expected + tolerance);
    }

    private async Task<Listener> ListenAsync(string channel)
    {
        var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        var listener = new Listener(connection);
        await CustomerTables.ExecuteAsync(connection, $"LISTEN {channel}");
        return listener;
    }

    /// <summary>A LISTEN connection of the test's own, as another app instance would hold.</summary>
    private sealed class Listener : IAsyncDisposable
    {
        private readonly NpgsqlConnection _connection;
        private readonly List<string> _payloads = [];

        public Listener(NpgsqlConnection connection)
        {
            _connection = connection;
            _connection.Notification += (_, e) => _payloads.Add(e.Payload);
        }

        /// <summary>Everything delivered so far (notifications wait in the socket until the connection reads).</summary>
        public async Task<IReadOnlyList<string>> ReceivedAsync()
        {
            while (await _connection.WaitAsync(TimeSpan.FromMilliseconds(500)))
            {
            }

            return _payloads;
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }
}
