using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Data;
using TodoDashboard.Features.Admin;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Tests.Features.Admin;

/// <summary>
/// /api/admin/users: the listing, role changes, lockout and the rules that keep an admin. The tests of this class run one
/// after another on its own database, so a test may count every user or every admin there.
/// </summary>
public class AdminUsersEndpointsTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    [Fact]
    public async Task Cursor_paging_walks_every_user_exactly_once_in_email_order()
    {
        var admin = await factory.CreateAccountAsync(AppRoles.Admin);
        for (var i = 0; i < 5; i++)
        {
            await factory.CreateAccountAsync();
        }

        var walked = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await admin.Client.ListUsersAsync(cursor is null ? "?pageSize=2" : $"?pageSize=2&cursor={Uri.EscapeDataString(cursor)}");
            Assert.InRange(page.Results.Count, 1, 2);
            walked.AddRange(page.Results.Select(u => u.Email));
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null);

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var everyone = await db.Users.Select(u => new { u.Email, u.NormalizedEmail }).ToListAsync();
        Assert.Equal(everyone.OrderBy(u => u.NormalizedEmail, StringComparer.Ordinal).Select(u => u.Email), walked);
        Assert.Equal((everyone.Count + 1) / 2, pages);
    }

    [Fact]
    public async Task A_cursor_the_listing_did_not_give_out_is_a_400_naming_cursor()
    {
        var admin = await factory.CreateAccountAsync(AppRoles.Admin);

        var response = await admin.Client.GetAsync("/api/admin/users?cursor=***");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cursor", (await response.ReadAsync<HttpValidationProblemDetails>()).Errors.Keys);
    }

    [Fact]
    public async Task Search_finds_users_by_part_of_their_email_or_display_name_in_any_case()
    {
        var admin = await factory.CreateAccountAsync(AppRoles.Admin);
        var emailPart = $"ada{Guid.NewGuid():N}"[..12];
        var namePart = $"{Guid.NewGuid():N}"[..8];
        var ada = await factory.CreateAccountAsync(email: $"{emailPart}@lovelace.example");
        var grace = await factory.CreateAccountAsync();
        await factory.Services.SetDisplayNameAsync(grace.Email, $"Grace {namePart}");

        var byEmail = await admin.Client.ListUsersAsync($"?search={emailPart.ToUpperInvariant()}");
        var byName = await admin.Client.ListUsersAsync($"?search={Uri.EscapeDataString($"grace {namePart}")}");
        var wildcard = await admin.Client.ListUsersAsync("?search=%25");

        Assert.Equal([ada.Id], byEmail.Results.Select(u => u.Id));
        Assert.Equal(emailPart, byEmail.Results[0].DisplayName);
        var found = Assert.Single(byName.Results);
        Assert.Equal((grace.Id, grace.Email, $"Grace {namePart}"), (found.Id, found.Email, found.DisplayName));
        Assert.Empty(wildcard.Results);
    }

    [Fact]
    public async Task A_user_shows_email_display_name_roles_lockout_and_last_sign_in_which_a_login_sets()
    {
        var admin = await factory.CreateAccountAsync(AppRoles.Admin);
        var email = ApiClientExtensions.NewEmail();
        var anonymous = factory.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password = ApiClientExtensions.Password })).EnsureSuccessStatusCode();

        var registered = Assert.Single((await admin.Client.ListUsersAsync($"?search={email}")).Results);
        await anonymous.LoginAsync(email, ApiClientExtensions.Password);
        var signedIn = await admin.Client.GetUserAsync(registered.Id);

        Assert.Equal((email, email.Split('@')[0], null), (registered.Email, registered.DisplayName, registered.LockedOutUntil));
        Assert.Equal([AppRoles.Member], registered.Roles);
        Assert.Null(registered.LastSignInAt);
        Assert.NotNull(signedIn.LastSignInAt);
    }

    [Fact]
    public async Task Setting_roles_returns_the_user_with_them_and_every_account_stays_a_member()
    {
        var admin = await factory.CreateAccountAsync(AppRoles.Admin);
        var member = await factory.CreateAccountAsync();

        var promoted = await admin.Client.SetRolesAsync(member.Id, "operator");
        var demoted = await admin.Client.SetRolesAsync(member.Id);

        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        var user = await promoted.ReadAsync<AdminUserResponse>();
        Assert.Equal([AppRoles.Member, AppRoles.Operator], user.Roles);
        Assert.Equal(AppRoles.Operator, user.Role);
        Assert.Equal([AppRoles.Member], (await demoted.ReadAsync<AdminUserResponse>()).Roles);
    }

    [Fact]
    public async Task An_unknown_role_is_a_400_naming_roles_and_changes_nothing()
    {
        var admin = await factory.CreateAccountAsync(AppRoles.Admin);
        var member = await factory.CreateAccountAsync();

        var response = await admin.Client.SetRolesAsync(member.Id, AppRoles.Operator, "Owner");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadAsync<HttpValidationProblemDetails>();
        Assert.Contains("'Owner'", Assert.Single(problem.Errors["roles"]), StringComparison.Ordinal);
        Assert.Equal([AppRoles.Member], (await admin.Client.GetUserAsync(member.Id)).Roles);
    }

    [Fact]
    public async Task An_unknown_user_id_is_a_404_for_every_admin_operation()
    {
        var admin = await factory.CreateAccountAsync(AppRoles.Admin);
        var id = Guid.NewGuid().ToString();

        HttpStatusCode[] statuses =
        [
            (await admin.Client.GetAsync($"/api/admin/users/{id}")).StatusCode,
            (await admin.Client.SetRolesAsync(id, AppRoles.Operator)).StatusCode,
            (await admin.Client.LockAsync(id)).StatusCode,
            (await admin.Client.UnlockAsync(id)).StatusCode,
        ];

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NotFound, s));
    }

    [Fact]
    public async Task Locking_refuses_the_users_existing_token_and_their_logins_until_unlocked()
    {
        var admin = await factory.CreateAccountAsync(AppRoles.Admin);
        var member = await factory.CreateAccountAsync();
        Assert.Equal(HttpStatusCode.OK, (await member.Client.GetAsync("/api/todos")).StatusCode);

        var locked = await admin.Client.LockAsync(member.Id);

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.NotNull((await locked.ReadAsync<AdminUserResponse>()).LockedOutUntil);
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.Client.GetAsync("/api/todos")).StatusCode);
        var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, await anonymous.LoginStatusAsync(member.Email));

        var unlocked = await admin.Client.UnlockAsync(member.Id);

        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        Assert.Null((await unlocked.ReadAsync<AdminUserResponse>()).LockedOutUntil);
        var tokens = await anonymous.LoginAsync(member.Email, ApiClientExtensions.Password);
        using var fresh = factory.CreateClient();
        fresh.DefaultRequestHeaders.Authorization = new("Bearer", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/todos")).StatusCode);
        // The lock renewed the security stamp: a token from before it stays refused.
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.Client.GetAsync("/api/todos")).StatusCode);
    }

    [Fact]
    public async Task An_admin_cannot_lock_themselves_even_with_another_admin()
    {
        var admin = await factory.CreateAccountAsync(AppRoles.Admin);
        await factory.CreateAccountAsync(AppRoles.Admin);

        var response = await admin.Client.LockAsync(admin.Id);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("Not on your own account.", (await response.ReadAsync<ProblemDetails>()).Title);
        Assert.Null((await admin.Client.GetUserAsync(admin.Id)).LockedOutUntil);
    }

    [Fact]
    public async Task The_only_admin_cannot_step_down_or_be_locked_and_stays_an_admin()
    {
        await factory.Services.DemoteEveryAdminAsync();
        var admin = await factory.CreateAccountAsync(AppRoles.Admin);
        var member = await factory.CreateAccountAsync();

        var demoted = await admin.Client.SetRolesAsync(admin.Id, AppRoles.Member);
        var lockedBySelf = await admin.Client.LockAsync(admin.Id);
        // Only an admin reaches the endpoint, so the last admin can be asked to lock only by a caller that is not them.
        var lockedByAnother = await factory.Services.GetRequiredService<AdminUsersService>().LockAsync(member.Id, admin.Id);

        Assert.Equal(HttpStatusCode.Conflict, demoted.StatusCode);
        Assert.Equal("The last admin must stay an admin.", (await demoted.ReadAsync<ProblemDetails>()).Title);
        Assert.Equal(HttpStatusCode.Conflict, lockedBySelf.StatusCode);
        Assert.Equal(AdminChangeStatus.LastAdmin, lockedByAnother.Status);
        var user = await admin.Client.GetUserAsync(admin.Id);
        Assert.Equal((AppRoles.Admin, null), (user.Role, user.LockedOutUntil));
        Assert.Equal(1, await factory.Services.AdminCountAsync());
    }

    [Fact]
    public async Task A_locked_admin_does_not_count_so_the_other_may_step_down_only_once_they_are_unlocked()
    {
        await factory.Services.DemoteEveryAdminAsync();
        var admin = await factory.CreateAccountAsync(AppRoles.Admin);
        var other = await factory.CreateAccountAsync(AppRoles.Admin);

        Assert.Equal(HttpStatusCode.OK, (await admin.Client.LockAsync(other.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Client.SetRolesAsync(admin.Id, AppRoles.Member)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.UnlockAsync(other.Id)).StatusCode);
        var steppedDown = await admin.Client.SetRolesAsync(admin.Id, AppRoles.Member);

        Assert.Equal(HttpStatusCode.OK, steppedDown.StatusCode);
        Assert.Equal([AppRoles.Member], (await steppedDown.ReadAsync<AdminUserResponse>()).Roles);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.Client.GetAsync("/api/admin/users")).StatusCode);
    }

    [Fact]
    public async Task Two_admins_demoting_each_other_at_once_leave_exactly_one_admin()
    {
        await factory.Services.DemoteEveryAdminAsync();
        var first = await factory.CreateAccountAsync(AppRoles.Admin);
        var second = await factory.CreateAccountAsync(AppRoles.Admin);

        var answers = await Task.WhenAll(
            first.Client.SetRolesAsync(second.Id, AppRoles.Member),
            second.Client.SetRolesAsync(first.Id, AppRoles.Member));

        // The one that ran second finds the last admin (409), or, had the first committed before it was authorized, is no admin (403).
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Single(answers, a => a.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Forbidden);
        Assert.Equal(1, await factory.Services.AdminCountAsync());
    }
}
