using AngleSharp.Dom;
using Bunit;
using MudBlazor;

namespace TodoDashboard.Tests.Harness;

/// <summary>Finding and filling the fields of an open MudBlazor dialog by their labels, as a user reads them.</summary>
public static class DialogExtensions
{
    /// <summary>The input (or text area) a label names.</summary>
    public static IElement Field(this IRenderedComponent<MudDialogProvider> dialogs, string label) =>
        dialogs.Find($"#{dialogs.FindAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for")}");

    /// <summary>Waits for the field to be shown, then types the value into it.</summary>
    public static async Task FillAsync(this IRenderedComponent<MudDialogProvider> dialogs, string label, string value)
    {
        dialogs.WaitForAssertion(() => Assert.Contains(dialogs.FindAll("label"), l => l.TextContent.Trim() == label));
        await dialogs.ChangeAsync(() => dialogs.Field(label), value);
    }

    public static Task ClickButtonAsync(this IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.ClickAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text));

    /// <summary>Waits for the dialog to say a save found the record changed by someone else.</summary>
    public static void WaitForConflict(this IRenderedComponent<MudDialogProvider> dialogs, TimeSpan timeout) =>
        dialogs.WaitForAssertion(() => Assert.Contains("Changed by someone else since you opened it",
            dialogs.Find("[data-testid=edit-conflict]").TextContent, StringComparison.Ordinal), timeout);

    /// <summary>Waits for the dialog to say a save found the record deleted.</summary>
    public static void WaitForDeleted(this IRenderedComponent<MudDialogProvider> dialogs, TimeSpan timeout) =>
        dialogs.WaitForAssertion(() => Assert.Contains("Deleted by someone else since you opened it",
            dialogs.Find("[data-testid=edit-deleted]").TextContent, StringComparison.Ordinal), timeout);

    /// <summary>A shown conflict's values for one field: the user's and the other version's.</summary>
    public static (string Yours, string Theirs) Conflict(this IRenderedComponent<MudDialogProvider> dialogs, string label)
    {
        var row = dialogs.Find($"[data-testid=edit-conflict] tr[data-field='{label}']");
        return (row.QuerySelector("[data-testid=yours]")!.TextContent.Trim(), row.QuerySelector("[data-testid=theirs]")!.TextContent.Trim());
    }
}
