using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Features.Todos;

public static class TodosEndpoints
{
    public static RouteGroupBuilder MapTodosEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/todos").WithTags("Todos").RequireAuthorization(AppRoles.Member);

        group.MapGet("/", ListTodos).WithName(nameof(ListTodos));
        group.MapGet("/stats", GetStats).WithName(nameof(GetStats));
        group.MapGet("/{id:long}", GetTodo).WithName(nameof(GetTodo));
        group.MapPost("/", CreateTodo).WithName(nameof(CreateTodo));
        group.MapPut("/{id:long}", UpdateTodo).WithName(nameof(UpdateTodo));
        group.MapPatch("/{id:long}", PatchTodo).WithName(nameof(PatchTodo));
        group.MapPatch("/{id:long}/toggle", ToggleTodo).WithName(nameof(ToggleTodo));
        group.MapDelete("/{id:long}", DeleteTodo).WithName(nameof(DeleteTodo));
        return group;
    }

    public static async Task<Ok<TodoPage>> ListTodos(
        ClaimsPrincipal user,
        TodoService todos,
        CancellationToken ct,
        [Range(1, 1_000_000)] int page = 1,
        [Range(1, 100)] int pageSize = 20,
        EnumChoice<TodoFilter>? filter = null) =>
        TypedResults.Ok(await todos.ListAsync(user.GetUserId(), filter ?? TodoFilter.All, page, pageSize, ct));

    public static async Task<Ok<TodoStats>> GetStats(
        ClaimsPrincipal user, TodoService todos, CancellationToken ct, EnumChoice<StatsMode>? mode = null) =>
        TypedResults.Ok(await todos.GetStatsAsync(user.GetUserId(), mode ?? StatsMode.Parallel, ct));

    public static async Task<Results<Ok<TodoResponse>, NotFound>> GetTodo(
        long id, ClaimsPrincipal user, TodoService todos, CancellationToken ct) =>
        OkOrNotFound(await todos.GetAsync(user.GetUserId(), id, ct));

    public static async Task<Created<TodoResponse>> CreateTodo(
        SaveTodoRequest request, ClaimsPrincipal user, TodoService todos, CancellationToken ct)
    {
        var todo = await todos.CreateAsync(user.GetUserId(), request, ct);
        return TypedResults.Created($"/api/todos/{todo.Id}", todo);
    }

    public static async Task<Results<Ok<TodoResponse>, NotFound>> UpdateTodo(
        long id, SaveTodoRequest request, ClaimsPrincipal user, TodoService todos, CancellationToken ct) =>
        OkOrNotFound(await todos.UpdateAsync(user.GetUserId(), id, request, ct));

    public static async Task<Results<Ok<TodoResponse>, NotFound>> PatchTodo(
        long id, PatchTodoRequest request, ClaimsPrincipal user, TodoService todos, CancellationToken ct) =>
        OkOrNotFound(await todos.PatchAsync(user.GetUserId(), id, request, ct));

    public static async Task<Results<Ok<TodoResponse>, NotFound>> ToggleTodo(
        long id, ClaimsPrincipal user, TodoService todos, CancellationToken ct) =>
        OkOrNotFound(await todos.ToggleAsync(user.GetUserId(), id, ct));

    public static async Task<Results<NoContent, NotFound>> DeleteTodo(
        long id, ClaimsPrincipal user, TodoService todos, CancellationToken ct) =>
        await todos.DeleteAsync(user.GetUserId(), id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static Results<Ok<TodoResponse>, NotFound> OkOrNotFound(TodoResponse? todo) =>
        todo is null ? TypedResults.NotFound() : TypedResults.Ok(todo);
}
