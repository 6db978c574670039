namespace TodoDashboard.Infrastructure.LiveUpdates;

/// <summary>
/// Every NOTIFY channel the app listens on, defined once: triggers created by migrations and the typed notifiers both
/// name them from here.
/// </summary>
public static class NotificationChannels
{
    /// <summary>Every change to a run of any kind (<see cref="Runs.RunNotifier"/>), sent by the trigger on <c>runs</c>.</summary>
    public const string Runs = "runs";

    /// <summary>Changes among the customers (<c>CustomerChange</c>), sent by the one writer in the customers feature.</summary>
    public const string CustomerChanges = "customer_changes";

    /// <summary>A user's roles, stamp, lock-out or name changed, sent by the triggers on Identity's tables.</summary>
    public const string UserAccess = "user_access";
}
