namespace TodoDashboard.Tests.Harness;

/// <summary>Configuration every test instance of the app gets, in process or as a process (also linked into the E2E tests).</summary>
public static class TestSettings
{
    /// <summary>Settings shared by every test instance: short job items and a quick cluster (check-ins and heartbeats).</summary>
    public static IReadOnlyDictionary<string, string> Fast { get; } = new Dictionary<string, string>
    {
        ["DemoAccount:Email"] = "",
        ["Jobs:ItemDuration"] = "00:00:00.050",
        ["Quartz:IdleWaitTime"] = "00:00:01",
        ["Quartz:CheckinInterval"] = "00:00:01",
        ["Quartz:CheckinMisfireThreshold"] = "00:00:03",
        ["Cluster:HeartbeatInterval"] = "00:00:01",
    };
}
