using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TodoDashboard.Infrastructure;

namespace TodoDashboard.Tests.Infrastructure.Ui;

/// <summary>The app's snackbars as its own service registration configures them: few, never twice, and away from the rows' buttons.</summary>
[Trait("Category", "Unit")]
public sealed class SnackbarSettingsTests
{
    [Fact]
    public async Task At_most_three_snackbars_show_at_once_and_a_repeated_message_shows_once()
    {
        await using var services = AppServices();
        await using var scope = services.CreateAsyncScope();
        var snackbar = scope.ServiceProvider.GetRequiredService<ISnackbar>();

        foreach (var message in new[] { "Saved Ada.", "Saved Grace.", "Saved Grace.", "Deleted Linus.", "Saved Margaret.", "Saved Edsger." })
        {
            snackbar.Add(message, Severity.Success);
        }

        Assert.Equal(["Saved Ada.", "Saved Grace.", "Deleted Linus."], snackbar.ShownSnackbars.Select(s => s.Message));
        Assert.Equal(Defaults.Classes.Position.BottomLeft, snackbar.Configuration.PositionClass);
    }

    private static ServiceProvider AppServices()
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddAppUi();
        // Outside a circuit nothing initializes the server's NavigationManager, which the snackbar service listens to.
        builder.Services.AddScoped<NavigationManager, StartedNavigation>();
        return builder.Services.BuildServiceProvider();
    }

    private sealed class StartedNavigation : NavigationManager
    {
        public StartedNavigation() => Initialize("http://localhost/", "http://localhost/customers");
    }
}
