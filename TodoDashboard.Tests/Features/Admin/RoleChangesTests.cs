using System.Net;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Tests.Features.Admin;

/// <summary>A role an admin gives or takes applies to the user's next request with the token they already hold, on every instance.</summary>
public class RoleChangesTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    [Fact]
    public async Task A_role_change_applies_to_the_users_next_request_with_the_same_token()
    {
        var admin = await factory.CreateAccountAsync(AppRoles.Admin);
        var member = await factory.CreateAccountAsync();
        Assert.Equal(HttpStatusCode.Forbidden, await member.Client.GenerateSharesAsync());

        var (asOperator, demotedAgain) = await PromoteThenDemoteAsync(admin, member.Id, member.Client, () => Task.CompletedTask);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (asOperator, demotedAgain));
    }

    [Fact]
    public async Task A_role_change_made_through_one_instance_applies_to_the_users_next_request_on_another()
    {
        var admin = await factory.CreateAccountAsync(AppRoles.Admin);
        var member = await factory.CreateAccountAsync();
        await using var instanceB = new SecondInstance(factory.Database);
        await instanceB.HeardEveryCommittedChangeAsync();
        var memberOnB = instanceB.CreateClient();
        memberOnB.DefaultRequestHeaders.Authorization = member.Client.DefaultRequestHeaders.Authorization;
        // Instance B now holds the user's access as a Member.
        Assert.Equal(HttpStatusCode.Forbidden, await memberOnB.GenerateSharesAsync());

        var (asOperator, demotedAgain) = await PromoteThenDemoteAsync(admin, member.Id, memberOnB, instanceB.HeardEveryCommittedChangeAsync);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (asOperator, demotedAgain));
    }

    /// <summary>Makes the user an Operator, then a Member again, and after each change tries an Operator's request with their token.</summary>
    private static async Task<(HttpStatusCode AsOperator, HttpStatusCode DemotedAgain)> PromoteThenDemoteAsync(
        Account admin, string userId, HttpClient user, Func<Task> beforeNextRequest)
    {
        (await admin.Client.SetRolesAsync(userId, AppRoles.Operator)).EnsureSuccessStatusCode();
        await beforeNextRequest();
        var asOperator = await user.GenerateSharesAsync();
        (await admin.Client.SetRolesAsync(userId, AppRoles.Member)).EnsureSuccessStatusCode();
        await beforeNextRequest();
        return (asOperator, await user.GenerateSharesAsync());
    }

    private sealed class SecondInstance(TestDatabase database) : TodoDashboardFactory(database);
}
