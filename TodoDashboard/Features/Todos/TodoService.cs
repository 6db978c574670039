using System.Diagnostics;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using TodoDashboard.Data;

namespace TodoDashboard.Features.Todos;

/// <summary>A user's todos. Every query is scoped to the owner, so another user's id is simply not found.</summary>
public sealed class TodoService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const int StatsListCap = 100;

    private static readonly Expression<Func<Todo, TodoResponse>> ToResponse =
        t => new TodoResponse(t.Id, t.Title, t.Description, t.IsCompleted, t.CreatedAt);

    private static readonly Func<Todo, TodoResponse> ToResponseCompiled = ToResponse.Compile();

    public async Task<TodoPage> ListAsync(string ownerId, TodoFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Owned(db, ownerId);
        query = filter switch
        {
            TodoFilter.Active => query.Where(t => !t.IsCompleted),
            TodoFilter.Completed => query.Where(t => t.IsCompleted),
            _ => query,
        };

        var total = await query.CountAsync(ct);
        var items = await Newest(query).Skip((page - 1) * pageSize).Take(pageSize).Select(ToResponse).ToListAsync(ct);
        return new TodoPage(items, total, page, pageSize);
    }

    public async Task<TodoSummary> GetSummaryAsync(string ownerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await Owned(db, ownerId)
            .GroupBy(_ => 1)
            .Select(g => new TodoSummary(g.Count(), g.Count(t => t.IsCompleted)))
            .SingleOrDefaultAsync(ct);
        return counts ?? new TodoSummary(0, 0);
    }

    public async Task<TodoResponse?> GetAsync(string ownerId, long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Owned(db, ownerId).Where(t => t.Id == id).Select(ToResponse).SingleOrDefaultAsync(ct);
    }

    public async Task<TodoResponse> CreateAsync(string ownerId, SaveTodoRequest request, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var todo = new Todo
        {
            OwnerId = ownerId,
            Title = request.Title.Trim(),
            Description = EmptyToNull(request.Description),
            IsCompleted = request.IsCompleted,
            CreatedAt = NowToTheMicrosecond(),
        };
        db.Todos.Add(todo);
        await db.SaveChangesAsync(ct);
        return ToResponseCompiled(todo);
    }

    public Task<TodoResponse?> UpdateAsync(string ownerId, long id, SaveTodoRequest request, CancellationToken ct = default) =>
        ChangeAsync(ownerId, id, todo =>
        {
            todo.Title = request.Title.Trim();
            todo.Description = EmptyToNull(request.Description);
            todo.IsCompleted = request.IsCompleted;
        }, ct);

    public Task<TodoResponse?> PatchAsync(string ownerId, long id, PatchTodoRequest request, CancellationToken ct = default) =>
        ChangeAsync(ownerId, id, todo =>
        {
            todo.Title = request.Title?.Trim() ?? todo.Title;
            todo.Description = request.Description is null ? todo.Description : EmptyToNull(request.Description);
            todo.IsCompleted = request.IsCompleted ?? todo.IsCompleted;
        }, ct);

    public async Task<TodoResponse?> ToggleAsync(string ownerId, long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // One UPDATE flips the flag, so two toggles racing each other both count.
        var changed = await Owned(db, ownerId).Where(t => t.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.IsCompleted, t => !t.IsCompleted), ct);
        return changed == 0 ? null : await Owned(db, ownerId).Where(t => t.Id == id).Select(ToResponse).SingleAsync(ct);
    }

    public async Task<bool> DeleteAsync(string ownerId, long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Owned(db, ownerId).Where(t => t.Id == id).ExecuteDeleteAsync(ct) > 0;
    }

    /// <summary>
    /// The seed's comparison: eight queries (a count and the newest items for each of four buckets),
    /// run one after another on one context, or each on its own context and awaited together.
    /// </summary>
    public async Task<TodoStats> GetStatsAsync(string ownerId, StatsMode mode, CancellationToken ct = default)
    {
        var startedAt = Stopwatch.GetTimestamp();
        var today = clock.GetUtcNow().UtcDateTime.Date;
        var tomorrow = today.AddDays(1);
        Expression<Func<Todo, bool>>[] filters =
        [
            t => t.IsCompleted,
            t => !t.IsCompleted,
            t => t.IsCompleted && t.CreatedAt >= today && t.CreatedAt < tomorrow,
            t => !t.IsCompleted && t.CreatedAt >= today && t.CreatedAt < tomorrow,
        ];
        string[] names = ["completed", "incomplete", "completedToday", "incompleteToday"];

        var counts = new Timed<int>[filters.Length];
        var lists = new Timed<List<TodoResponse>>[filters.Length];
        if (mode == StatsMode.Sequential)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            for (var i = 0; i < filters.Length; i++)
            {
                counts[i] = await MeasureAsync(db, CountQuery(ownerId, filters[i]), ct);
                lists[i] = await MeasureAsync(db, ItemsQuery(ownerId, filters[i]), ct);
            }
        }
        else
        {
            var countTasks = filters.Select(f => MeasureOnOwnContextAsync(CountQuery(ownerId, f), ct)).ToArray();
            var listTasks = filters.Select(f => MeasureOnOwnContextAsync(ItemsQuery(ownerId, f), ct)).ToArray();
            counts = await Task.WhenAll(countTasks);
            lists = await Task.WhenAll(listTasks);
        }

        var buckets = counts.Zip(lists, (count, list) => new TodoBucket(count.Value, list.Value)).ToArray();
        var timings = names.SelectMany((name, i) => new[]
        {
            new QueryTiming($"{name}.count", counts[i].ElapsedMs),
            new QueryTiming($"{name}.items", lists[i].ElapsedMs),
        }).ToArray();
        return new TodoStats(mode, buckets[0], buckets[1], buckets[2], buckets[3],
            Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds, timings);
    }

    private static Func<AppDbContext, CancellationToken, Task<int>> CountQuery(string ownerId, Expression<Func<Todo, bool>> filter) =>
        (db, ct) => Owned(db, ownerId).Where(filter).CountAsync(ct);

    private static Func<AppDbContext, CancellationToken, Task<List<TodoResponse>>> ItemsQuery(string ownerId, Expression<Func<Todo, bool>> filter) =>
        (db, ct) => Newest(Owned(db, ownerId).Where(filter)).Take(StatsListCap).Select(ToResponse).ToListAsync(ct);

    private readonly record struct Timed<T>(T Value, double ElapsedMs);

    private static async Task<Timed<T>> MeasureAsync<T>(AppDbContext db, Func<AppDbContext, CancellationToken, Task<T>> query, CancellationToken ct)
    {
        var startedAt = Stopwatch.GetTimestamp();
        var value = await query(db, ct);
        return new Timed<T>(value, Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds);
    }

    private async Task<Timed<T>> MeasureOnOwnContextAsync<T>(Func<AppDbContext, CancellationToken, Task<T>> query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await MeasureAsync(db, query, ct);
    }

    private async Task<TodoResponse?> ChangeAsync(string ownerId, long id, Action<Todo> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var todo = await db.Todos.AsTracking().SingleOrDefaultAsync(t => t.Id == id && t.OwnerId == ownerId, ct);
        if (todo is null)
        {
            return null;
        }

        change(todo);
        await db.SaveChangesAsync(ct);
        return ToResponseCompiled(todo);
    }

    private static IQueryable<Todo> Owned(AppDbContext db, string ownerId) =>
        db.Todos.AsNoTracking().Where(t => t.OwnerId == ownerId);

    private static IOrderedQueryable<Todo> Newest(IQueryable<Todo> query) =>
        query.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id);

    // PostgreSQL keeps microseconds: the response must match what a later read returns.
    private DateTime NowToTheMicrosecond()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    private static string? EmptyToNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
