using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using MudBlazor;
using MudBlazor.Utilities;
using TodoDashboard.Components.Layout;

namespace TodoDashboard.Tests.Components.Layout;

[Trait("Category", "Unit")]
public sealed class ThemeChoiceTests
{
    [Theory]
    [InlineData(null, null, null, ThemePreference.System, false)]
    [InlineData(null, null, "dark", ThemePreference.System, true)]
    [InlineData("light", null, "dark", ThemePreference.Light, false)]
    [InlineData("Dark", null, "light", ThemePreference.Dark, true)]
    [InlineData(null, "Dark", null, ThemePreference.Dark, true)]
    [InlineData("Light", "Dark", null, ThemePreference.Light, false)]
    [InlineData("2", null, "dark", ThemePreference.System, true)]
    [InlineData("sepia", "Light", null, ThemePreference.Light, false)]
    public void The_browsers_choice_comes_first_then_the_accounts_then_the_systems(
        string? cookie, string? claim, string? systemScheme, ThemePreference preference, bool dark)
    {
        var context = new DefaultHttpContext();
        var cookies = new List<string>();
        if (cookie is not null)
        {
            cookies.Add($"{ThemeChoice.PreferenceCookie}={cookie}");
        }

        if (systemScheme is not null)
        {
            cookies.Add($"{ThemeChoice.SystemSchemeCookie}={systemScheme}");
        }

        context.Request.Headers.Cookie = string.Join("; ", cookies);
        if (claim is not null)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ThemeChoice.PreferenceClaim, claim)], "test"));
        }

        Assert.Equal(new ThemeChoice(preference, dark), ThemeChoice.For(context));
    }

    [Fact]
    public void The_toggle_goes_round_system_light_dark()
    {
        var preference = ThemePreference.System;
        var seen = new List<ThemePreference>();
        for (var i = 0; i < 4; i++)
        {
            preference = new ThemeChoice(preference, false).Next;
            seen.Add(preference);
        }

        Assert.Equal([ThemePreference.Light, ThemePreference.Dark, ThemePreference.System, ThemePreference.Light], seen);
    }

    [Theory]
    [InlineData("todos?filter=active", "/todos?filter=active")]
    [InlineData("/customers", "/customers")]
    [InlineData("//evil.example/x", "/evil.example/x")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example", "/https://evil.example")]
    [InlineData("a\r\nSet-Cookie: x", "/")]
    [InlineData(null, "/")]
    public void The_way_back_stays_on_this_site(string? returnUrl, string expected) =>
        Assert.Equal(expected, ThemeEndpoints.LocalPath(returnUrl));

    // Text on each of the palette's colours, and each colour as text on the background, at WCAG AA's 4.5:1.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_colour_of_both_palettes_carries_text_at_AA_contrast(bool dark)
    {
        Palette palette = dark ? AppTheme.Theme.PaletteDark : AppTheme.Theme.PaletteLight;
        (string Name, MudColor Fill, MudColor Text)[] fills =
        [
            ("primary", palette.Primary, palette.PrimaryContrastText),
            ("secondary", palette.Secondary, palette.SecondaryContrastText),
            ("info", palette.Info, palette.InfoContrastText),
            ("success", palette.Success, palette.SuccessContrastText),
            ("warning", palette.Warning, palette.WarningContrastText),
            ("error", palette.Error, palette.ErrorContrastText),
            ("app bar", palette.AppbarBackground, palette.AppbarText),
        ];
        var background = palette.Background;
        var failures = fills
            .Select(f => (f.Name, OnFill: Contrast(f.Fill, f.Text, background), AsText: Contrast(f.Fill, background, background)))
            .Where(f => f.OnFill < 4.5 || (f.Name != "app bar" && f.AsText < 4.5))
            .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Name}: text on it {f.OnFill:0.00}, as text {f.AsText:0.00}"))
            .Concat(new[] { ("text", palette.TextPrimary), ("secondary text", palette.TextSecondary) }
                .Where(t => Contrast(t.Item2, background, background) < 4.5 || Contrast(t.Item2, palette.Surface, background) < 4.5)
                .Select(t => $"{t.Item1} on the background or a surface"));

        Assert.Empty(failures);
    }

    private static double Contrast(MudColor a, MudColor b, MudColor under)
    {
        var (la, lb) = (Luminance(Flatten(a, under)), Luminance(Flatten(b, under)));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    // A translucent colour as it shows over what is under it.
    private static (double R, double G, double B) Flatten(MudColor color, MudColor under)
    {
        var alpha = color.A / 255.0;
        return (color.R * alpha + under.R * (1 - alpha), color.G * alpha + under.G * (1 - alpha), color.B * alpha + under.B * (1 - alpha));
    }

    private static double Luminance((double R, double G, double B) c)
    {
        static double Channel(double v) => (v /= 255) <= 0.03928 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
        return 0.2126 * Channel(c.R) + 0.7152 * Channel(c.G) + 0.0722 * Channel(c.B);
    }
}
