using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using TodoDashboard.Components.Account.Shared;

namespace TodoDashboard.Tests.Infrastructure.Auth;

/// <summary>The password rules the register and change-password pages list, read from Identity's options as configured.</summary>
[Trait("Category", "Unit")]
public class PasswordRulesTests
{
    [Fact]
    public async Task Options_without_composition_rules_list_the_length_and_the_common_password_rule()
    {
        await using var bunit = NewContext(options =>
        {
            options.Password.RequiredLength = 12;
            options.Password.RequireDigit = false;
            options.Password.RequireLowercase = false;
            options.Password.RequireUppercase = false;
            options.Password.RequireNonAlphanumeric = false;
        });

        var rules = Rules(bunit.Render<PasswordRules>(p => p.Add(r => r.Id, "help")));

        Assert.Equal(["12 to 128 characters long", "not one of the commonly used passwords, nor your email"], rules);
    }

    [Fact]
    public async Task Composition_rules_switched_on_are_listed_as_configured()
    {
        await using var bunit = NewContext(options =>
        {
            options.Password.RequiredLength = 8;
            options.Password.RequireDigit = true;
            options.Password.RequireLowercase = false;
            options.Password.RequireUppercase = true;
            options.Password.RequireNonAlphanumeric = false;
            options.Password.RequiredUniqueChars = 4;
        });

        var rendered = bunit.Render<PasswordRules>(p => p.Add(r => r.Id, "help"));

        Assert.Equal("help", rendered.Find("div.password-rules").Id);
        Assert.Equal(
            ["8 to 128 characters long", "with a digit (0–9)", "with an uppercase letter (A–Z)", "made of at least 4 different characters",
             "not one of the commonly used passwords, nor your email"],
            Rules(rendered));
    }

    private static BunitContext NewContext(Action<IdentityOptions> configure)
    {
        var bunit = new BunitContext();
        bunit.Services.AddMudServices();
        bunit.Services.Configure(configure);
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        return bunit;
    }

    private static List<string> Rules(IRenderedComponent<PasswordRules> rendered) => rendered.FindAll("li").Select(li => li.TextContent).ToList();
}
