namespace TodoDashboard.Infrastructure.Runs;

public static class RunLimits
{
    public const int MessageLength = 200;

    public const int ErrorLength = 2000;

    public const int LogLineLength = 1000;
}
