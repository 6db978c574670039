using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TodoDashboard.Data;
using TodoDashboard.Features.Admin;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Tests.Features.Admin;

/// <summary>An account registered through the real API: its email, its id and a client carrying its bearer token.</summary>
internal sealed record Account(string Email, string Id, HttpClient Client);

/// <summary>The admin API as a script sees it, and the few things a test reads or sets straight in the database.</summary>
internal static class AdminApi
{
    public static async Task<Account> CreateAccountAsync(this TodoDashboardFactory factory, string? role = null, string? email = null)
    {
        email ??= ApiClientExtensions.NewEmail();
        var client = await factory.CreateUserClientAsync(email, role);
        await using var scope = factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
        return new Account(email, user!.Id, client);
    }

    public static async Task<AdminUserPage> ListUsersAsync(this HttpClient admin, string query = "")
    {
        var response = await admin.GetAsync($"/api/admin/users{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<AdminUserPage>();
    }

    public static async Task<AdminUserResponse> GetUserAsync(this HttpClient admin, string userId)
    {
        var response = await admin.GetAsync($"/api/admin/users/{userId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<AdminUserResponse>();
    }

    public static Task<HttpResponseMessage> SetRolesAsync(this HttpClient admin, string userId, params string[] roles) =>
        admin.PutAsJsonAsync($"/api/admin/users/{userId}/roles", new { roles });

    public static Task<HttpResponseMessage> LockAsync(this HttpClient admin, string userId) =>
        admin.PostAsync($"/api/admin/users/{userId}/lock", null);

    public static Task<HttpResponseMessage> UnlockAsync(this HttpClient admin, string userId) =>
        admin.PostAsync($"/api/admin/users/{userId}/unlock", null);

    /// <summary>Generating shares takes an Operator: what the caller's token may do right now.</summary>
    public static async Task<HttpStatusCode> GenerateSharesAsync(this HttpClient client) =>
        (await client.PostAsJsonAsync("/api/shares/generate", new { count = 1 })).StatusCode;

    public static async Task<HttpStatusCode> LoginStatusAsync(this HttpClient client, string email, string password = ApiClientExtensions.Password) =>
        (await client.PostAsJsonAsync("/api/auth/login", new { email, password })).StatusCode;

    /// <summary>Sets the name others see; do it before the account's first signed-in request, which then reads it.</summary>
    public static async Task SetDisplayNameAsync(this IServiceProvider services, string email, string displayName)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var changed = await db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, displayName));
        Assert.Equal(1, changed);
    }

    /// <summary>Leaves the database without admins, so a test can count the ones it makes.</summary>
    public static async Task DemoteEveryAdminAsync(this IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        await db.UserRoles.Where(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == AppRoles.Admin)).ExecuteDeleteAsync();
    }

    public static async Task<int> AdminCountAsync(this IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.UserRoles.CountAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == AppRoles.Admin));
    }

    /// <summary>
    /// Returns once this instance has heard every user-access notification committed so far. PostgreSQL delivers
    /// notifications in commit order and the instance handles them one at a time, so when a marker sent now arrives,
    /// every change committed before it has been handled: no waiting on a clock.
    /// </summary>
    public static async Task HeardEveryCommittedChangeAsync(this TodoDashboardFactory instance)
    {
        var hub = instance.Services.GetRequiredService<PostgresNotificationHub>();
        await hub.Listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var marker = $"marker-{Guid.NewGuid():N}";
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = hub.Subscribe(UserAccessCache.Channel, payload =>
        {
            if (payload == marker)
            {
                heard.TrySetResult();
            }
        });

        await using (var connection = new NpgsqlConnection(instance.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @marker)", connection);
            notify.Parameters.AddWithValue("channel", UserAccessCache.Channel);
            notify.Parameters.AddWithValue("marker", marker);
            await notify.ExecuteNonQueryAsync();
        }

        await heard.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
