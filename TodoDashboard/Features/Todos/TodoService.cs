using System.Diagnostics;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using TodoDashboard.Data;
using TodoDashboard.Infrastructure;
using TodoDashboard.Infrastructure.Concurrency;

namespace TodoDashboard.Features.Todos;

/// <summary>
/// A user's todos. Every query is scoped to the owner, so another user's id is simply not found. A write given the
/// version its caller read is done only if the todo is still at that version (see <see cref="VersionedWrite"/>).
/// </summary>
public sealed class TodoService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const int StatsListCap = 100;

    public const int DefaultStatsRepeat = 10;

    public const int MaxStatsRepeat = 50;

    private static readonly Expression<Func<Todo, TodoResponse>> ToResponse =
        t => new TodoResponse(t.Id, t.Title, t.Description, t.IsCompleted, t.CreatedAt, t.Version);

    private static readonly Func<Todo, TodoResponse> ToResponseCompiled = ToResponse.Compile();

    /// <summary>A page of the todos <paramref name="filter"/> keeps whose title contains <paramref name="search"/>, ignoring case (none: every title).</summary>
    public async Task<TodoPage> ListAsync(string ownerId, TodoFilter filter, string? search, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Filtered(db, ownerId, filter, search);
        var total = await query.CountAsync(ct);
        var items = await Newest(query).Skip((page - 1) * pageSize).Take(pageSize).Select(ToResponse).ToListAsync(ct);
        return new TodoPage(items, total, page, pageSize);
    }

    /// <summary>Every todo the filter and the search keep, newest first as listed, streamed from one query as the rows arrive.</summary>
    public async IAsyncEnumerable<TodoResponse> ReadAllAsync(
        string ownerId, TodoFilter filter, string? search, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await foreach (var todo in Newest(Filtered(db, ownerId, filter, search)).Select(ToResponse).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return todo;
        }
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
        return await Read(db, ownerId, id, ct);
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
        db.Set<Todo>().Add(todo);
        await db.SaveChangesAsync(ct);
        return ToResponseCompiled(todo);
    }

    public Task<VersionedWrite<TodoResponse>> UpdateAsync(
        string ownerId, long id, SaveTodoRequest request, uint? expectedVersion = null, CancellationToken ct = default)
    {
        var title = request.Title.Trim();
        var description = EmptyToNull(request.Description);
        return WriteAsync(ownerId, id, expectedVersion, s => s
            .SetProperty(t => t.Title, title)
            .SetProperty(t => t.Description, description)
            .SetProperty(t => t.IsCompleted, request.IsCompleted), ct);
    }

    public Task<VersionedWrite<TodoResponse>> PatchAsync(
        string ownerId, long id, PatchTodoRequest request, uint? expectedVersion = null, CancellationToken ct = default) =>
        WriteAsync(ownerId, id, expectedVersion, s =>
        {
            if (request.Title is { } title)
            {
                s.SetProperty(t => t.Title, title.Trim());
            }

            if (request.Description is { } description)
            {
                s.SetProperty(t => t.Description, EmptyToNull(description));
            }

            // Always set, so that an empty patch is still one UPDATE (and with If-Match, a version check).
            var completed = request.IsCompleted;
            s.SetProperty(t => t.IsCompleted, t => completed ?? t.IsCompleted);
        }, ct);

    // The flag flips in the UPDATE itself, so two toggles racing each other both count.
    public Task<VersionedWrite<TodoResponse>> ToggleAsync(string ownerId, long id, uint? expectedVersion = null, CancellationToken ct = default) =>
        WriteAsync(ownerId, id, expectedVersion, s => s.SetProperty(t => t.IsCompleted, t => !t.IsCompleted), ct);

    public async Task<VersionedWrite<TodoResponse>> DeleteAsync(string ownerId, long id, uint? expectedVersion = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Guarded(db, ownerId, id, expectedVersion).ExecuteDeleteAsync(ct) > 0
            ? VersionedWrite.Done<TodoResponse>(null)
            : VersionedWrite.Missed(await Read(db, ownerId, id, ct));
    }

    /// <summary>
    /// The original demo's comparison: eight queries (a count and the newest items for each of four buckets),
    /// run one after another on one context, or each on its own context and awaited together; or, as a third way,
    /// all eight as one statement (<see cref="TodoStatsStatement"/>).
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

        if (mode == StatsMode.Single)
        {
            var single = await MeasureOnOwnContextAsync((db, token) => TodoStatsStatement.ReadAsync(db, ownerId, today, tomorrow, StatsListCap, token), ct);
            var all = single.Value;
            return new TodoStats(mode, all[0], all[1], all[2], all[3],
                Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds, [new QueryTiming("all", single.ElapsedMs)]);
        }

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

    /// <summary>
    /// Every mode of <see cref="GetStatsAsync"/> <paramref name="repeat"/> times, one run at a time, the order of the
    /// modes rotating each round so that no mode always runs on another's warm caches.
    /// </summary>
    public async Task<StatsComparison> CompareStatsAsync(string ownerId, int repeat, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeat, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(repeat, MaxStatsRepeat);
        var modes = StatsComparison.Modes;
        var runs = new List<TodoStats>(modes.Count * repeat);
        for (var i = 0; i < repeat; i++)
        {
            for (var j = 0; j < modes.Count; j++)
            {
                runs.Add(await GetStatsAsync(ownerId, modes[(i + j) % modes.Count], ct));
            }
        }

        StatsTimings Timings(StatsMode mode) => StatsTimings.Of(runs.Where(r => r.Mode == mode).Select(r => r.ElapsedMs));
        return StatsComparison.Of(Timings(StatsMode.Sequential), Timings(StatsMode.Parallel), Timings(StatsMode.Single),
            runs.Select(Fingerprint).Distinct().Count() == 1);
    }

    private static string Fingerprint(TodoStats stats) => string.Join(';',
        new[] { stats.Completed, stats.Incomplete, stats.CompletedToday, stats.IncompleteToday }
            .Select(b => $"{b.Count}:{string.Join(',', b.Items.Select(i => i.Id))}"));

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

    /// <summary>
    /// Every change of a todo is one UPDATE whose WHERE holds the expected version, if any: the check cannot be
    /// separated from the write. The row is read back in the same transaction, where the UPDATE's row lock keeps a
    /// concurrent delete waiting; an UPDATE that matched nothing is told apart (gone, or at another version) by a read.
    /// </summary>
    private async Task<VersionedWrite<TodoResponse>> WriteAsync(
        string ownerId, long id, uint? expectedVersion, Action<UpdateSettersBuilder<Todo>> set, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await Guarded(db, ownerId, id, expectedVersion).ExecuteUpdateAsync(set, ct);
        var current = await Read(db, ownerId, id, ct);
        if (changed == 0)
        {
            return VersionedWrite.Missed(current);
        }

        await transaction.CommitAsync(ct);
        return VersionedWrite.Done(current);
    }

    private static IQueryable<Todo> Guarded(AppDbContext db, string ownerId, long id, uint? expectedVersion) =>
        expectedVersion is { } version
            ? Owned(db, ownerId).Where(t => t.Id == id && t.Version == version)
            : Owned(db, ownerId).Where(t => t.Id == id);

    private static Task<TodoResponse?> Read(AppDbContext db, string ownerId, long id, CancellationToken ct) =>
        Owned(db, ownerId).Where(t => t.Id == id).Select(ToResponse).SingleOrDefaultAsync(ct);

    private static IQueryable<Todo> Owned(AppDbContext db, string ownerId) =>
        db.Set<Todo>().AsNoTracking().Where(t => t.OwnerId == ownerId);

    private static IQueryable<Todo> Filtered(AppDbContext db, string ownerId, TodoFilter filter, string? search)
    {
        var todos = filter switch
        {
            TodoFilter.Active => Owned(db, ownerId).Where(t => !t.IsCompleted),
            TodoFilter.Completed => Owned(db, ownerId).Where(t => t.IsCompleted),
            _ => Owned(db, ownerId),
        };
        if (string.IsNullOrWhiteSpace(search))
        {
            return todos;
        }

        var pattern = LikePattern.Containing(search.Trim());
        return todos.Where(t => EF.Functions.ILike(t.Title, pattern, LikePattern.EscapeCharacter));
    }

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
