using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Features.Admin;

/// <summary>/api/admin: accounts, their roles and lockout. Admins only; the only place that shows emails.</summary>
public static class AdminEndpoints
{
    public static RouteGroupBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(AppRoles.Admin);

        group.MapGet("/users", ListUsers).WithName(nameof(ListUsers));
        group.MapGet("/users/{id}", GetUser).WithName(nameof(GetUser));
        group.MapPut("/users/{id}/roles", SetUserRoles).WithName(nameof(SetUserRoles));
        group.MapPost("/users/{id}/lock", LockUser).WithName(nameof(LockUser));
        group.MapPost("/users/{id}/unlock", UnlockUser).WithName(nameof(UnlockUser));
        return group;
    }

    public static async Task<Results<Ok<AdminUserPage>, ValidationProblem>> ListUsers(
        AdminUsersService admin,
        CancellationToken ct,
        [MaxLength(AdminUsersService.SearchMaxLength)] string? search = null,
        [MaxLength(1024)] string? cursor = null,
        [Range(1, 100)] int pageSize = 50) =>
        await admin.ListAsync(search, cursor, pageSize, ct) is { } page
            ? TypedResults.Ok(page)
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = ["Not a cursor this listing gave out."] });

    public static async Task<Results<Ok<AdminUserResponse>, NotFound>> GetUser(
        [MaxLength(450)] string id, AdminUsersService admin, CancellationToken ct) =>
        await admin.GetAsync(id, ct) is { } user ? TypedResults.Ok(user) : TypedResults.NotFound();

    public static async Task<Results<Ok<AdminUserResponse>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> SetUserRoles(
        [MaxLength(450)] string id, SetRolesRequest request, AdminUsersService admin, CancellationToken ct) =>
        Answer(await admin.SetRolesAsync(id, request.Roles!, ct), "roles");

    public static async Task<Results<Ok<AdminUserResponse>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> LockUser(
        [MaxLength(450)] string id, ClaimsPrincipal user, AdminUsersService admin, CancellationToken ct) =>
        Answer(await admin.LockAsync(user.GetUserId(), id, ct), "id");

    public static async Task<Results<Ok<AdminUserResponse>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> UnlockUser(
        [MaxLength(450)] string id, AdminUsersService admin, CancellationToken ct) =>
        Answer(await admin.UnlockAsync(id, ct), "id");

    private static Results<Ok<AdminUserResponse>, NotFound, ValidationProblem, Conflict<ProblemDetails>> Answer(AdminChange change, string field) =>
        change.Status switch
        {
            AdminChangeStatus.Done => TypedResults.Ok(change.User!),
            AdminChangeStatus.NotFound => TypedResults.NotFound(),
            AdminChangeStatus.UnknownRole => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [change.Detail!] }),
            _ => TypedResults.Conflict(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = change.Status == AdminChangeStatus.LastAdmin ? "The last admin must stay an admin." : "Not on your own account.",
                Detail = change.Detail,
            }),
        };
}
