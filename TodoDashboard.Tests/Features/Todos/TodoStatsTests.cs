using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Data;
using TodoDashboard.Features.Todos;

namespace TodoDashboard.Tests.Features.Todos;

public class TodoStatsTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    [Fact]
    public async Task Every_mode_returns_the_same_true_counts_and_capped_lists()
    {
        var email = ApiClientExtensions.NewEmail();
        var client = await factory.CreateUserClientAsync(email);
        await AddTodosAsync(factory.Services, email, completedToday: 30, completedEarlier: 90, incompleteToday: 7, incompleteEarlier: 3);

        var sequential = await GetStatsAsync(client, "sequential");
        var parallel = await GetStatsAsync(client, "parallel");
        var single = await GetStatsAsync(client, "single");

        Assert.Equal(StatsMode.Sequential, sequential.Mode);
        Assert.Equal(StatsMode.Parallel, parallel.Mode);
        Assert.Equal(StatsMode.Single, single.Mode);
        foreach (var stats in new[] { sequential, parallel, single })
        {
            Assert.Equal(120, stats.Completed.Count);
            Assert.Equal(TodoService.StatsListCap, stats.Completed.Items.Count);
            Assert.Equal(10, stats.Incomplete.Count);
            Assert.Equal(30, stats.CompletedToday.Count);
            Assert.Equal(7, stats.IncompleteToday.Count);
            Assert.All(stats.CompletedToday.Items, t => Assert.Equal(DateTime.UtcNow.Date, t.CreatedAt.Date));
            Assert.Equal(stats.Completed.Items.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id), stats.Completed.Items);
            Assert.Equal(stats.Mode == StatsMode.Single ? ["all"] : EightQueries, stats.Queries.Select(q => q.Name));
            Assert.All(stats.Queries, q => Assert.True(q.ElapsedMs > 0));
            Assert.True(stats.ElapsedMs > 0);
        }

        Assert.Equal(Buckets(sequential), Buckets(parallel));
        Assert.Equal(Buckets(sequential), Buckets(single));
        Assert.Equal(Items(sequential), Items(single));
    }

    [Fact]
    public async Task One_statement_gives_a_user_with_no_todos_four_empty_buckets()
    {
        var client = await factory.CreateUserClientAsync();

        var stats = await GetStatsAsync(client, "single");

        Assert.Equal([(0, ""), (0, ""), (0, ""), (0, "")], Buckets(stats));
    }

    [Fact]
    public async Task Stats_count_only_the_callers_todos()
    {
        var email = ApiClientExtensions.NewEmail();
        await factory.CreateUserClientAsync(email);
        await AddTodosAsync(factory.Services, email, completedToday: 5, completedEarlier: 0, incompleteToday: 5, incompleteEarlier: 0);
        var other = await factory.CreateUserClientAsync();

        foreach (var mode in new[] { "sequential", "parallel", "single" })
        {
            var stats = await GetStatsAsync(other, mode);

            Assert.Equal([0, 0, 0, 0], Buckets(stats).Select(b => b.Count));
        }
    }

    [Fact]
    public async Task Parallel_is_the_default_mode()
    {
        var client = await factory.CreateUserClientAsync();

        var stats = await (await client.GetAsync("/api/todos/stats")).ReadAsync<TodoStats>();

        Assert.Equal(StatsMode.Parallel, stats.Mode);
    }

    [Fact]
    public async Task Compare_runs_every_mode_the_asked_number_of_times_and_summarises_each()
    {
        var email = ApiClientExtensions.NewEmail();
        var client = await factory.CreateUserClientAsync(email);
        await AddTodosAsync(factory.Services, email, completedToday: 3, completedEarlier: 4, incompleteToday: 2, incompleteEarlier: 1);

        var response = await client.GetAsync("/api/todos/stats/compare?repeat=3");

        response.EnsureSuccessStatusCode();
        var comparison = await response.ReadAsync<StatsComparison>();
        foreach (var timings in new[] { comparison.Sequential, comparison.Parallel, comparison.Single })
        {
            Assert.Equal(3, timings.Runs);
            Assert.True(timings.FastestMs > 0);
            Assert.True(timings.FastestMs <= timings.P25Ms && timings.P25Ms <= timings.MedianMs
                && timings.MedianMs <= timings.P75Ms && timings.P75Ms <= timings.SlowestMs, $"{timings} is not in order");
        }

        var medians = StatsComparison.Modes.Select(m => comparison.For(m).MedianMs).Order().ToArray();
        Assert.Equal(medians[0], comparison.For(comparison.Faster).MedianMs);
        Assert.Equal(medians[1], comparison.For(comparison.RunnerUp).MedianMs);
        Assert.NotEqual(comparison.Faster, comparison.RunnerUp);
        Assert.Equal(medians[1] / medians[0], comparison.MedianRatio, 6);
        Assert.Equal(comparison.MedianRatio >= StatsComparison.ClearRatio, comparison.ClearDifference);
        Assert.True(comparison.SameResults);
    }

    [Fact]
    public async Task Compare_runs_each_mode_ten_times_by_default()
    {
        var client = await factory.CreateUserClientAsync();

        var comparison = await (await client.GetAsync("/api/todos/stats/compare")).ReadAsync<StatsComparison>();

        Assert.Equal((10, 10, 10), (comparison.Sequential.Runs, comparison.Parallel.Runs, comparison.Single.Runs));
    }

    [Fact]
    public async Task Compare_answers_in_the_api_s_names()
    {
        var client = await factory.CreateUserClientAsync();

        var json = await (await client.GetAsync("/api/todos/stats/compare?repeat=1")).Content.ReadAsStringAsync();

        foreach (var name in new[] { "\"sequential\"", "\"parallel\"", "\"single\"", "\"runnerUp\"", "\"runs\"", "\"fastestMs\"", "\"p25Ms\"", "\"medianMs\"",
            "\"p75Ms\"", "\"slowestMs\"", "\"medianRatio\"", "\"faster\"", "\"clearDifference\"", "\"sameResults\"" })
        {
            Assert.Contains(name, json, StringComparison.Ordinal);
        }
    }

    private static async Task<TodoStats> GetStatsAsync(HttpClient client, string mode)
    {
        var response = await client.GetAsync($"/api/todos/stats?mode={mode}");
        response.EnsureSuccessStatusCode();
        return await response.ReadAsync<TodoStats>();
    }

    private static readonly string[] EightQueries =
    [
        "completed.count", "completed.items", "incomplete.count", "incomplete.items",
        "completedToday.count", "completedToday.items", "incompleteToday.count", "incompleteToday.items",
    ];

    /// <summary>Every field of every listed todo, bucket by bucket.</summary>
    private static IEnumerable<TodoResponse> Items(TodoStats stats) =>
        new[] { stats.Completed, stats.Incomplete, stats.CompletedToday, stats.IncompleteToday }.SelectMany(b => b.Items);

    private static IEnumerable<(int Count, string Ids)> Buckets(TodoStats stats) =>
        new[] { stats.Completed, stats.Incomplete, stats.CompletedToday, stats.IncompleteToday }
            .Select(b => (b.Count, string.Join(',', b.Items.Select(t => t.Id))));

    /// <summary>Writes todos straight to the database, so "earlier" ones can be dated before today.</summary>
    internal static async Task AddTodosAsync(
        IServiceProvider services, string email, int completedToday, int completedEarlier, int incompleteToday, int incompleteEarlier)
    {
        await using var scope = services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var yesterday = now.Date.AddHours(-1);
        Todo Make(int i, bool completed, DateTime created) => new()
        {
            OwnerId = user!.Id,
            Title = $"Todo {i}",
            IsCompleted = completed,
            CreatedAt = created.AddSeconds(-i),
        };

        var i = 0;
        db.Set<Todo>().AddRange(Enumerable.Range(0, completedToday).Select(_ => Make(i++ % 60, true, now.Date.AddMinutes(i))));
        db.Set<Todo>().AddRange(Enumerable.Range(0, completedEarlier).Select(_ => Make(i++, true, yesterday.AddMinutes(-i))));
        db.Set<Todo>().AddRange(Enumerable.Range(0, incompleteToday).Select(_ => Make(i++ % 60, false, now.Date.AddMinutes(i))));
        db.Set<Todo>().AddRange(Enumerable.Range(0, incompleteEarlier).Select(_ => Make(i++, false, yesterday.AddMinutes(-i))));
        await db.SaveChangesAsync();
    }
}
