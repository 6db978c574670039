using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace TodoDashboard.Tests.Harness;

/// <summary>
/// Acting on a rendered component the way a browser does: the element is found and its event dispatched in one turn of
/// the renderer. Found outside it, a re-render in between (a live notice, a throttled refresh) can retire the handler
/// the element still names, and the click fails with an unknown event handler id.
/// </summary>
public static class RenderedActions
{
    public static Task ClickAsync<T>(this IRenderedComponent<T> cut, Func<IElement> find) where T : IComponent =>
        cut.InvokeAsync(() => find().ClickAsync(new()));

    public static Task ChangeAsync<T>(this IRenderedComponent<T> cut, Func<IElement> find, object? value) where T : IComponent =>
        cut.InvokeAsync(() => find().ChangeAsync(new ChangeEventArgs { Value = value }));

    /// <summary>Clicks without waiting for the handler to finish, for a click that opens a dialog the test then answers.</summary>
    public static async Task<Task> StartClickAsync<T>(this IRenderedComponent<T> cut, Func<IElement> find) where T : IComponent
    {
        var click = Task.CompletedTask;
        await cut.InvokeAsync(() => { click = find().ClickAsync(new()); });
        return click;
    }
}
