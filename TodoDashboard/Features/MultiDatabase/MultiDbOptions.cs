namespace TodoDashboard.Features.MultiDatabase;

/// <summary>Settings of the multi-database panel (section "MultiDatabase").</summary>
public sealed class MultiDbOptions
{
    /// <summary>The most rows one run may insert at once: a request above it is refused; a request without it gets it.</summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>Connections of the server's max_connections left to the rest of the app (and other clients).</summary>
    public int ConnectionReserve { get; set; } = 40;

    /// <summary>Each database's pool holds at least this many connections, whatever the reserve leaves.</summary>
    public int MinConnectionsPerDatabase { get; set; } = 3;

    /// <summary>
    /// Row numbers one step of a scale run inserts (each a user, a product and an order) before it commits its
    /// progress: what a resumed run may redo, and how soon a cancel takes effect.
    /// </summary>
    public int ScaleStepRows { get; set; } = 500;
}
