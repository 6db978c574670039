namespace TodoDashboard.Infrastructure.Runs;

public enum RunLogLevel
{
    Info,
    Warning,
    Error,
}
