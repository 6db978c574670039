namespace TodoDashboard.Infrastructure.Auth;

public static class AppClaims
{
    public const string DisplayName = "display_name";
}
