using System.Security.Claims;

namespace TodoDashboard.Components.Layout;

public enum ThemePreference
{
    System,
    Light,
    Dark,
}

/// <summary>
/// The colour theme a page is rendered in: the user's choice, and whether that means dark for this render. "System" is
/// resolved from the browser's scheme, which wwwroot/js/theme.js keeps in a cookie so the server paints the right palette first
/// (the circuit then asks the browser itself and follows its changes).
/// </summary>
public sealed record ThemeChoice(ThemePreference Preference, bool Dark)
{
    public const string PreferenceCookie = "td-theme";
    public const string SystemSchemeCookie = "td-os-scheme";
    public const string PreferenceClaim = "theme";

    public static ThemeChoice Default { get; } = new(ThemePreference.System, false);

    /// <summary>This browser's choice first (its cookie), else the one the account saved, else the system's.</summary>
    public static ThemeChoice For(HttpContext context)
    {
        var preference = Parse(context.Request.Cookies[PreferenceCookie])
            ?? Parse(context.User.FindFirstValue(PreferenceClaim))
            ?? ThemePreference.System;
        var dark = preference == ThemePreference.Dark
            || (preference == ThemePreference.System && context.Request.Cookies[SystemSchemeCookie] == "dark");
        return new(preference, dark);
    }

    /// <summary>A preference by its name, case-insensitive; numbers and unknown names are none.</summary>
    public static ThemePreference? Parse(string? value) =>
        Enum.GetNames<ThemePreference>().FirstOrDefault(name => string.Equals(name, value, StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<ThemePreference>(name)
            : null;

    /// <summary>The toggle's order: system, light, dark, and round again.</summary>
    public ThemePreference Next => Preference switch
    {
        ThemePreference.System => ThemePreference.Light,
        ThemePreference.Light => ThemePreference.Dark,
        _ => ThemePreference.System,
    };
}
