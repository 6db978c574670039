using Microsoft.AspNetCore.Hosting;

namespace TodoDashboard.Tests.Features.MultiDatabase;

/// <summary>
/// The app with scale runs of small steps (<see cref="StepRows"/> row numbers each), so a run of a few dozen rows
/// takes several steps, and with no recovery sweep, so an attempt a test interrupts is resumed only by the test.
/// </summary>
public class MultiDbScaleFactory : TodoDashboardFactory
{
    public const int StepRows = 25;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("MultiDatabase:ScaleStepRows", StepRows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Runs:RecoveryInterval", "01:00:00");
    }
}
