using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Identity;

namespace TodoDashboard.Components.Account;

/// <summary>
/// Identity's errors shown as the form's own validation messages, under the field each is about, in the style of
/// every other message (not a banner above the form).
/// </summary>
public sealed class IdentityFieldErrors(EditContext editContext)
{
    private readonly ValidationMessageStore _messages = new(editContext);

    /// <summary>Shows each of <paramref name="result"/>'s errors under the field <paramref name="fieldOf"/> names (a property of the form's model).</summary>
    public void Show(IdentityResult result, Func<IdentityError, string> fieldOf)
    {
        _messages.Clear();
        foreach (var error in result.Errors)
        {
            _messages.Add(editContext.Field(fieldOf(error)), error.Description);
        }

        editContext.NotifyValidationStateChanged();
    }
}
