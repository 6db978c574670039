namespace TodoDashboard.Components.Account;

/// <summary>What a passkey button asks the browser for: a new passkey, or one to sign in with.</summary>
public enum PasskeyOperation
{
    Create = 0,
    Request = 1,
}
