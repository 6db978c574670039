namespace TodoDashboard.E2E.Harness;

/// <summary>What a browser test talks to: one app in the test process, or several behind a proxy.</summary>
public interface IAppServer : IAsyncDisposable
{
    /// <summary>Starts it and returns the address a browser opens.</summary>
    Task<Uri> StartAsync();
}
