namespace TodoDashboard.Features.MultiDatabase.Components;

/// <summary>Each database's colour, as a class app.css defines: the timeline's lanes and legend, and the scale summary's bars.</summary>
public static class MultiDbColours
{
    public static string Class(MultiDbTable table) => $"mdb-{table.ToString().ToLowerInvariant()}";
}
