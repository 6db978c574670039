using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;

namespace TodoDashboard.Tests.Harness;

/// <summary>
/// bUnit with MudBlazor registered as MudBlazor's own tests do, and no app services or database: for a component that
/// is given everything it shows.
/// </summary>
public abstract class MudComponentTest : IAsyncLifetime
{
    // Held rather than inherited: xunit 2 disposes test classes synchronously, and MudBlazor's services only dispose asynchronously.
    private readonly BunitContext _bunit = new();

    protected MudComponentTest()
    {
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
    }

    /// <summary>For the few plain services a component injects (registered before the first render).</summary>
    protected BunitServiceProvider Services => _bunit.Services;

    protected IRenderedComponent<T> Render<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null) where T : IComponent =>
        _bunit.Render(parameters);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();
}
