using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Concurrency;
using TodoDashboard.Infrastructure.Csv;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Features.Todos;

public static class TodosEndpoints
{
    public static RouteGroupBuilder MapTodosEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/todos").WithTags("Todos").RequireAuthorization(AppRoles.Member);

        group.MapGet("/", ListTodos).WithName(nameof(ListTodos));
        group.MapGet("/export", ExportTodos).WithName(nameof(ExportTodos));
        group.MapGet("/stats", GetStats).WithName(nameof(GetStats));
        group.MapGet("/stats/compare", CompareStats).WithName(nameof(CompareStats));
        group.MapGet("/{id:long}", GetTodo).WithName(nameof(GetTodo));
        group.MapPost("/", CreateTodo).WithName(nameof(CreateTodo));
        group.MapPut("/{id:long}", UpdateTodo).WithName(nameof(UpdateTodo)).WithIfMatch();
        group.MapPatch("/{id:long}", PatchTodo).WithName(nameof(PatchTodo)).WithIfMatch();
        group.MapPatch("/{id:long}/toggle", ToggleTodo).WithName(nameof(ToggleTodo)).WithIfMatch();
        group.MapDelete("/{id:long}", DeleteTodo).WithName(nameof(DeleteTodo)).WithIfMatch();
        return group;
    }

    public static async Task<Ok<TodoPage>> ListTodos(
        ClaimsPrincipal user,
        TodoService todos,
        CancellationToken ct,
        [Range(1, Paging.MaxPage)] int page = 1,
        [Range(1, 100)] int pageSize = 20,
        EnumChoice<TodoFilter>? filter = null,
        [StoredText(Todo.TitleMaxLength)] string? search = null) =>
        TypedResults.Ok(await todos.ListAsync(user.GetUserId(), filter ?? TodoFilter.All, search, page, pageSize, ct));

    /// <summary>The signed-in user's todos that <c>filter</c> and <c>search</c> keep, newest first, as CSV.</summary>
    public static PushStreamHttpResult ExportTodos(
        ClaimsPrincipal user, HttpResponse response, TodoService todos, CancellationToken ct, EnumChoice<TodoFilter>? filter = null,
        [StoredText(Todo.TitleMaxLength)] string? search = null) =>
        CsvResults.Attachment(response, "todos.csv", ["id", "title", "description", "is_completed", "created_at"],
            todos.ReadAllAsync(user.GetUserId(), filter ?? TodoFilter.All, search, ct),
            t => [t.Id.ToString(CultureInfo.InvariantCulture), t.Title, t.Description, t.IsCompleted ? "true" : "false",
                t.CreatedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)], ct);

    public static async Task<Ok<TodoStats>> GetStats(
        ClaimsPrincipal user, TodoService todos, CancellationToken ct, EnumChoice<StatsMode>? mode = null) =>
        TypedResults.Ok(await todos.GetStatsAsync(user.GetUserId(), mode ?? StatsMode.Parallel, ct));

    /// <summary>
    /// Runs both stats modes repeat times (1 to 50, default 10) on the signed-in user's todos, alternating which goes
    /// first, and gives each mode's fastest, quartiles, median and slowest time, and which is faster by how much.
    /// </summary>
    public static async Task<Ok<StatsComparison>> CompareStats(
        [AsParameters] CompareStatsRequest request, ClaimsPrincipal user, TodoService todos, CancellationToken ct) =>
        TypedResults.Ok(await todos.CompareStatsAsync(user.GetUserId(), request.Repeat, ct));

    public static async Task<Results<Ok<TodoResponse>, NotFound>> GetTodo(
        long id, HttpContext http, ClaimsPrincipal user, TodoService todos, CancellationToken ct) =>
        await todos.GetAsync(user.GetUserId(), id, ct) is { } todo ? VersionedResults.Ok(http, todo) : TypedResults.NotFound();

    public static async Task<Created<TodoResponse>> CreateTodo(
        SaveTodoRequest request, HttpContext http, ClaimsPrincipal user, TodoService todos, CancellationToken ct)
    {
        var todo = await todos.CreateAsync(user.GetUserId(), request, ct);
        return VersionedResults.Created(http, $"/api/todos/{todo.Id}", todo);
    }

    public static Task<Results<Ok<TodoResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateTodo(
        long id, SaveTodoRequest request, [FromHeader(Name = VersionedResults.IfMatchHeader)] string? ifMatch,
        HttpContext http, ClaimsPrincipal user, TodoService todos, CancellationToken ct) =>
        VersionedResults.WriteAsync(http, ifMatch, expected => todos.UpdateAsync(user.GetUserId(), id, request, expected, ct));

    public static Task<Results<Ok<TodoResponse>, NotFound, ValidationProblem, ProblemHttpResult>> PatchTodo(
        long id, PatchTodoRequest request, [FromHeader(Name = VersionedResults.IfMatchHeader)] string? ifMatch,
        HttpContext http, ClaimsPrincipal user, TodoService todos, CancellationToken ct) =>
        VersionedResults.WriteAsync(http, ifMatch, expected => todos.PatchAsync(user.GetUserId(), id, request, expected, ct));

    public static Task<Results<Ok<TodoResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ToggleTodo(
        long id, [FromHeader(Name = VersionedResults.IfMatchHeader)] string? ifMatch,
        HttpContext http, ClaimsPrincipal user, TodoService todos, CancellationToken ct) =>
        VersionedResults.WriteAsync(http, ifMatch, expected => todos.ToggleAsync(user.GetUserId(), id, expected, ct));

    public static Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> DeleteTodo(
        long id, [FromHeader(Name = VersionedResults.IfMatchHeader)] string? ifMatch,
        HttpContext http, ClaimsPrincipal user, TodoService todos, CancellationToken ct) =>
        VersionedResults.DeleteAsync(http, ifMatch, expected => todos.DeleteAsync(user.GetUserId(), id, expected, ct));
}
