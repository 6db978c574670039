namespace TodoDashboard.E2E.Harness;

public static class TestUsers
{
    /// <summary>Meets Identity's default rules: upper, lower, digit, symbol, six or more characters.</summary>
    public const string Password = "E2e-passphrase-1";

    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";
}
