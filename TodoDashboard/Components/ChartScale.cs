namespace TodoDashboard.Components;

/// <summary>Axis arithmetic shared by the app's MudCharts.</summary>
public static class ChartScale
{
    /// <summary>
    /// A round spacing (1, 2, 5, 10, 20, 50, …) that gives a value axis from 0 to <paramref name="max"/> at most
    /// <paramref name="lines"/> grid lines; MudBlazor's YAxisTicks is a whole number of at least 1.
    /// </summary>
    public static int TickSpacing(double max, int lines = 5)
    {
        for (var step = 1; step <= 100_000_000; step *= 10)
        {
            foreach (var spacing in new[] { step, 2 * step, 5 * step })
            {
                if (max / spacing <= lines)
                {
                    return spacing;
                }
            }
        }

        return 1_000_000_000;
    }
}
