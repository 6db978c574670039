using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Quartz;
using TodoDashboard.Data;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Infrastructure.Runs;

/// <summary>
/// The app with the engine's test kind (<see cref="CountingKind"/>) and the built-in no-op kind, a quick recovery sweep,
/// and what the engine tests read: runs, their attempts, events and step rows.
/// </summary>
public class RunsFactory : TodoDashboardFactory
{
    /// <summary>How long a test waits for a run to reach a state: generous, since nothing here is timed.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public static IReadOnlyDictionary<string, string> NoOpSettings { get; } = new Dictionary<string, string>
    {
        ["Runs:EnableNoOpKind"] = "true",
        ["Runs:RecoveryInterval"] = "00:00:01",
    };

    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(NoOpSettings)
    {
        ["Runs:FairnessRetryDelay"] = "00:00:00.200",
    };

    public RunsFactory()
    {
    }

    /// <summary>On a database elsewhere (another server).</summary>
    protected RunsFactory(TestDatabase database)
        : base(database)
    {
    }

    public RunEngine Engine => Services.GetRequiredService<RunEngine>();

    public RunExecutor Executor => Services.GetRequiredService<RunExecutor>();

    public CountingKind Counting => Services.GetRequiredService<CountingKind>();

    public CountingProbe Probe => Services.GetRequiredService<CountingProbe>();

    /// <summary>Sees and may act on every run.</summary>
    public static RunViewer Operator { get; } = new("operator", SeesAll: true);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<CountingProbe>();
            services.AddRunKind<CountingKind>();
        });
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        using var connection = new NpgsqlConnection(Database.ConnectionString);
        connection.Open();
        using var create = new NpgsqlCommand(CountingKind.StepsTableSql, connection);
        create.ExecuteNonQuery();
        return host;
    }

    public async Task<IScheduler> SchedulerAsync() => await Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

    public async Task<string> SchedulerInstanceIdAsync() => (await SchedulerAsync()).SchedulerInstanceId;

    /// <summary>A new account to own runs (runs.OwnerId refers to a real user).</summary>
    public async Task<RunOwner> NewOwnerAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = ApiClientExtensions.NewEmail();
        var user = new ApplicationUser { UserName = email, Email = email };
        var created = await users.CreateAsync(user);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        return new RunOwner(user.Id, ApplicationUser.DisplayNameOf(null, email));
    }

    public async Task<RunStart> StartAsync(CountingParameters parameters, RunOwner? owner = null, bool schedule = true)
    {
        owner ??= await NewOwnerAsync();
        var started = schedule ? await Engine.StartAsync(Counting, owner, parameters) : await Engine.QueueAsync(Counting, owner, parameters);
        Assert.True(started.IsValid, string.Join(" ", started.Errors.SelectMany(e => e.Value)));
        return started.Value!;
    }

    /// <summary>An Operator signed in to another instance through its API (the role granted here: one database).</summary>
    public async Task<HttpClient> OperatorClientAsync(AppProcess instance)
    {
        var client = instance.CreateClient();
        var email = ApiClientExtensions.NewEmail();
        (await client.PostAsJsonAsync("/api/auth/register", new { email, password = ApiClientExtensions.Password })).EnsureSuccessStatusCode();
        await Services.GrantRoleAsync(email, AppRoles.Operator);
        var tokens = await client.LoginAsync(email, ApiClientExtensions.Password);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return client;
    }

    /// <summary>The run once <paramref name="until"/> holds, read every 20 ms, within <see cref="Patience"/>.</summary>
    public async Task<RunResponse> WaitForAsync(Guid id, Func<RunResponse, bool> until, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var run = await Engine.GetAsync(id);
            Assert.NotNull(run);
            if (until(run))
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Run {id} did not get {what} within {Patience.TotalSeconds} s: it is {run.State}, {run.Done} of {run.Total}.");
            await Task.Delay(20);
        }
    }

    public Task<RunResponse> WaitForEndAsync(Guid id) => WaitForAsync(id, r => !r.IsActive, "to an end");

    /// <summary>Waits until <paramref name="condition"/> holds (a condition of the database, which tells nobody when it changes).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within {Patience.TotalSeconds} s: {what}.");
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Takes the run's executor lock as a session executing it would, so no node claims it meanwhile. Not pooled:
    /// disposing it ends the session, and so the lock.
    /// </summary>
    public async Task<NpgsqlConnection> HoldRunLockAsync(Guid id)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_advisory_lock($1, hashtext($2::text))", connection)
        {
            Parameters = { new() { Value = RunExecutor.LockClass }, new() { Value = id } },
        };
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>The sessions holding the run's executor lock (the engine's one way to tell that someone executes it).</summary>
    public static readonly string LockHoldersSql = $$"""
        FROM pg_locks l
        WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND l.classid = {{RunExecutor.LockClass}}::int::oid AND l.objid = hashtext($1::text)::oid AND l.objsubid = 2
        """;

    public async Task<IReadOnlyList<RunAttemptResponse>> AttemptsAsync(Guid id) => (await Engine.DetailsAsync(id, Operator))!.Attempts;

    public async Task<IReadOnlyList<RunLogLine>> LogAsync(Guid id) => (await Engine.DetailsAsync(id, Operator))!.Log;

    /// <summary>The counting run's step rows in the order of their steps: (step, attempt that committed it).</summary>
    public Task<List<(int Step, int Attempt)>> StepsAsync(Guid id) =>
        ReadAsync("SELECT step, attempt FROM counting_steps WHERE run_id = $1 ORDER BY step, attempt", id, r => (r.GetInt32(0), r.GetInt32(1)));

    /// <summary>The run as each of its versions recorded it (run_events): state and done.</summary>
    public Task<List<(long Version, RunState State, long Done)>> EventsAsync(Guid id) =>
        ReadAsync("""SELECT version, payload->>'state', (payload->>'done')::bigint FROM run_events WHERE run_id = $1 ORDER BY version """, id,
            r => (r.GetInt64(0), Enum.Parse<RunState>(r.GetString(1)), r.GetInt64(2)));

    /// <summary>The states a run went through, each once in a row: [Queued, Running, Succeeded].</summary>
    public async Task<List<RunState>> StatesAsync(Guid id)
    {
        var states = new List<RunState>();
        foreach (var (_, state, _) in await EventsAsync(id))
        {
            if (states.Count == 0 || states[^1] != state)
            {
                states.Add(state);
            }
        }

        return states;
    }

    public async Task<long> CountAsync(string sql, object value)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = value } } };
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private async Task<List<T>> ReadAsync<T>(string sql, Guid id, Func<NpgsqlDataReader, T> row)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = id } } };
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(row(reader));
        }

        return rows;
    }
}
