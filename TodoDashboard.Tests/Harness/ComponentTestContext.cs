using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using TodoDashboard.Components;
using TodoDashboard.Data;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Telemetry;

namespace TodoDashboard.Tests.Harness;

/// <summary>
/// bUnit with MudBlazor registered as MudBlazor's own tests do, a signed-in user, and the app's real services
/// (and so its real PostgreSQL database) taken from the class's <see cref="TodoDashboardFactory"/>.
/// </summary>
public abstract class ComponentTestContext(TodoDashboardFactory factory) : ComponentTestContext<TodoDashboardFactory>(factory);

/// <summary>The same, on a factory that arranges data of its own (a known dataset, say).</summary>
public abstract class ComponentTestContext<TFactory> : IClassFixture<TFactory>, IAsyncLifetime
    where TFactory : TodoDashboardFactory
{
    // Held rather than inherited: xunit 2 disposes test classes synchronously, and MudBlazor's services only dispose asynchronously.
    private readonly BunitContext _bunit = new();

    protected static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(10);

    protected ComponentTestContext(TFactory factory)
    {
        Factory = factory;
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddSingleton<UserErrors>();
        Services.AddMetrics().AddSingleton<AppMetrics>();
    }

    protected TFactory Factory { get; }

    protected BunitServiceProvider Services => _bunit.Services;

    protected IRenderedComponent<T> Render<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        // Set on first render: it resolves the renderer, after which no service can be added.
        _bunit.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        return _bunit.Render(parameters);
    }

    protected Task DisposeComponentsAsync() => _bunit.DisposeComponentsAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();

    protected T AppService<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    /// <summary>Gives the components the app's own instance of a singleton service, and returns it.</summary>
    protected T UseAppService<T>() where T : class
    {
        var service = AppService<T>();
        Services.AddSingleton(service);
        return service;
    }

    /// <summary>Signs the component tree in as a user of <paramref name="role"/> who has no account (for components that only check the role).</summary>
    protected void AuthorizeAs(string role)
    {
        var authorization = _bunit.AddAuthorization();
        authorization.SetAuthorized($"{role.ToLowerInvariant()}@example.com");
        authorization.SetRoles(role);
    }

    /// <summary>Creates a real user in the database (a Member, or of <paramref name="role"/>) and signs the component tree in as them.</summary>
    protected async Task<string> SignInNewUserAsync(string role = AppRoles.Member)
    {
        var email = ApiClientExtensions.NewEmail();
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email };
        var result = await users.CreateAsync(user, ApiClientExtensions.Password);
        Assert.True(result.Succeeded);

        if (role != AppRoles.Member)
        {
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }

        var authorization = _bunit.AddAuthorization();
        authorization.SetAuthorized(email);
        authorization.SetRoles(AppRoles.Granting(AppRoles.Member).Where(r => r == AppRoles.Member || r == role).ToArray());
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.Id));
        return user.Id;
    }
}
