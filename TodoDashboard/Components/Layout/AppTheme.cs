using MudBlazor;

namespace TodoDashboard.Components.Layout;

/// <summary>
/// The two palettes. Every colour carries text at WCAG AA contrast (4.5:1) in both: light mode uses deep shades under white
/// text, dark mode light shades under near-black text, so a filled chip or button reads in either.
/// </summary>
public static class AppTheme
{
    private const string OnLight = "#ffffff";
    private const string OnDark = "rgba(0,0,0,0.87)";

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3f51b5",
            Secondary = "#00796b",
            Tertiary = "#6a1b9a",
            Info = "#1565c0",
            Success = "#2e7d32",
            Warning = "#a15c00",
            Error = "#c62828",
            InfoContrastText = OnLight,
            SuccessContrastText = OnLight,
            WarningContrastText = OnLight,
            ErrorContrastText = OnLight,
            AppbarBackground = "#3f51b5",
            Background = "#f5f6fa",
            TextSecondary = "#5f6368",
            ActionDefault = "#5f6368",
            TextDisabled = "#6b6f76",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#9fa8da",
            Secondary = "#80cbc4",
            Tertiary = "#ce93d8",
            Info = "#64b5f6",
            Success = "#81c784",
            Warning = "#ffb74d",
            Error = "#ef9a9a",
            PrimaryContrastText = OnDark,
            SecondaryContrastText = OnDark,
            TertiaryContrastText = OnDark,
            InfoContrastText = OnDark,
            SuccessContrastText = OnDark,
            WarningContrastText = OnDark,
            ErrorContrastText = OnDark,
            Background = "#1e1e2d",
            Surface = "#27273a",
            DrawerBackground = "#27273a",
            AppbarBackground = "#27273a",
            AppbarText = "#e0e0e0",
            TextPrimary = "#e0e0e0",
            TextSecondary = "#b0b3bf",
            ActionDefault = "#b0b3bf",
            TextDisabled = "#8e91a0",
            DrawerText = "#e0e0e0",
            DrawerIcon = "#b0b3bf",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
