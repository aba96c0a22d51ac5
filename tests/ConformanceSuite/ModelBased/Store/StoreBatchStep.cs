namespace Checkpoint.ConformanceSuite;

/// <summary>Runs several operations as one batch.</summary>
/// <param name="Steps">The operations, in order.</param>
public sealed record StoreBatchStep(IReadOnlyList<StoreOperationStep> Steps) : StoreStep
{
    /// <inheritdoc />
    public override async Task<ModelObservation> ApplyAsync(StoreApi store, StoreRun run)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(run);
        var results = await store.BatchAsync([.. Steps.Select(s => s.ToOperation(run))]).ConfigureAwait(false);
        if (results.Count != Steps.Count)
        {
            return ModelObservation.Of($"{results.Count} results for {Steps.Count} operations");
        }

        var observations = Steps.Select((s, i) => s.Render(results[i], run)).ToList();
        return new ModelObservation(
            string.Join("\n", observations.Select((o, i) => $"[{i + 1}] {o.Text}")),
            [.. observations.SelectMany(o => o.Scores)]);
    }

    /// <inheritdoc />
    public override string ToString() => $"batch [{string.Join("; ", Steps)}]";
}
