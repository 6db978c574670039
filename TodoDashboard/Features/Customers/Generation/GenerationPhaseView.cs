namespace TodoDashboard.Features.Customers.Generation;

/// <summary>
/// What the panel says of an active run: the phase by name, a sentence of its figures, and how far it is, or null
/// where nothing measures it (waiting, the first batch, building an index), which the panel shows as a moving bar.
/// </summary>
public sealed record GenerationPhaseView(string Name, string Label, double? Percent)
{
    public static GenerationPhaseView Of(CustomerGenerationRunResponse run) => run switch
    {
        { Status: GenerationStatus.Queued } =>
            new("Queued", $"Queued: {run.Count:N0} customers, waiting to start", null),
        { Status: GenerationStatus.Loading, Done: 0 } =>
            new("Starting", $"Starting: inserting the first of {run.Count:N0} customers", null),
        { Status: GenerationStatus.Loading } =>
            new("Inserting", $"Inserting {run.Done:N0} of {run.Count:N0} ({run.Percent:0.#} %)", run.Percent),
        // A load that kept its indexes has nothing to rebuild: the run only records its end.
        { IndexTotal: 0 } =>
            new("Finishing", $"Inserted {run.Done:N0} of {run.Count:N0}; finishing", 100.0 * run.Done / Math.Max(1, run.Count)),
        _ when run.IndexesBuilt < run.IndexTotal =>
            new("Building indexes", $"Building the search indexes over the new customers: {run.IndexesBuilt} of {run.IndexTotal} done", null),
        _ => new("Analyzing", "Updating the table's statistics for the planner", null),
    };
}
