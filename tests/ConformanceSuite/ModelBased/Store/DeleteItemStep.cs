namespace Checkpoint.ConformanceSuite;

/// <summary>Deletes an item (possibly absent).</summary>
/// <param name="Labels">The namespace below the root.</param>
/// <param name="Key">The key.</param>
public sealed record DeleteItemStep(IReadOnlyList<string> Labels, string Key) : StoreOperationStep
{
    /// <inheritdoc />
    public override async Task<ModelObservation> ApplyAsync(StoreApi store, StoreRun run)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(run);
        await store.DeleteAsync(run.Under(Labels), Key).ConfigureAwait(false);
        return ModelObservation.Of("ok");
    }

    /// <inheritdoc />
    public override StoreOperation ToOperation(StoreRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new PutOperation(run.Under(Labels), Key, null);
    }

    /// <inheritdoc />
    public override string ToString() => $"delete {Path(Labels)} {Key}";
}
