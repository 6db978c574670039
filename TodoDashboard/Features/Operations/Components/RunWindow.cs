namespace TodoDashboard.Features.Operations.Components;

/// <summary>How far back the list reaches, by when runs were created.</summary>
public enum RunWindow
{
    Any,
    Hour,
    Day,
    Week,
}
