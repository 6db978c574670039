namespace TodoDashboard.Features.MultiDatabase;

/// <summary>
/// What the three databases' rows share: the run that inserted the row and its number in that run's batch, together
/// the row's natural key (unique in each database), so a step redone after a crash finds its rows instead of
/// inserting them twice.
/// </summary>
public interface IMultiDbRow
{
    int Id { get; }

    Guid RunId { get; }

    /// <summary>The row's number in its run's batch; null for rows inserted before the number was kept.</summary>
    int? RowNumber { get; }
}
