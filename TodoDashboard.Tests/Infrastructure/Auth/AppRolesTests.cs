using System.Security.Claims;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Tests.Infrastructure.Auth;

/// <summary>The three roles' order: each grants what the ones below it grant.</summary>
[Trait("Category", "Unit")]
public class AppRolesTests
{
    [Fact]
    public void A_role_is_granted_by_itself_and_every_role_above_it()
    {
        Assert.Equal(["Member", "Operator", "Admin"], AppRoles.Granting(AppRoles.Member));
        Assert.Equal(["Operator", "Admin"], AppRoles.Granting(AppRoles.Operator));
        Assert.Equal(["Admin"], AppRoles.Granting(AppRoles.Admin));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("Owner")]
    [InlineData("")]
    public void Granting_a_role_that_is_not_one_of_the_three_spelt_exactly_is_an_error(string role) =>
        Assert.Throws<ArgumentException>(() => AppRoles.Granting(role));

    [Fact]
    public void The_highest_of_some_role_names_ignores_case_and_unknown_names()
    {
        Assert.Equal("Admin", AppRoles.Highest(["member", "ADMIN", "operator"]));
        Assert.Equal("Operator", AppRoles.Highest(["Owner", "operator"]));
        Assert.Null(AppRoles.Highest(["Owner", "root"]));
        Assert.Null(AppRoles.Highest([]));
        Assert.Equal("Operator", AppRoles.Normalize("oPeRaToR"));
        Assert.Null(AppRoles.Normalize("Operators"));
    }

    [Theory]
    [InlineData("Member", "Member", true)]
    [InlineData("Member", "Operator", false)]
    [InlineData("Operator", "Member", true)]
    [InlineData("Operator", "Admin", false)]
    [InlineData("Admin", "Operator", true)]
    public void A_signed_in_user_may_do_what_their_role_or_a_lower_one_may(string held, string asked, bool allowed)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, held)], authenticationType: "Test"));

        Assert.Equal(allowed, user.Allows(asked));
        Assert.Equal(held, user.HighestRole());
    }

    [Fact]
    public void A_signed_out_user_may_do_nothing_even_carrying_a_role_claim()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, AppRoles.Admin)]));

        Assert.False(anonymous.Allows(AppRoles.Member));
    }
}
