namespace TodoDashboard.Components.Account;

/// <summary>What the passkey script posts with its form: the browser's credential as JSON, or why there is none.</summary>
public sealed class PasskeyInputModel
{
    public string? CredentialJson { get; set; }

    public string? Error { get; set; }
}
