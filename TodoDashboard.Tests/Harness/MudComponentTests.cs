using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;

namespace TodoDashboard.Tests.Harness;

/// <summary>
/// bUnit with MudBlazor registered as MudBlazor's own tests do, and nothing else: for components given everything they
/// show as parameters. It starts no app and no database, so a Unit-category class may derive from it.
/// </summary>
public abstract class MudComponentTests : IAsyncLifetime
{
    protected MudComponentTests()
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
    }

    protected BunitContext Context { get; } = new();

    protected IRenderedComponent<T> Render<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null) where T : IComponent =>
        Context.Render(parameters);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Context.DisposeAsync();
}
