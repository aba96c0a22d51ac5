namespace Checkpoint.ConformanceSuite;

/// <summary>Gets an item, refreshing its TTL or not.</summary>
/// <param name="Labels">The namespace below the root.</param>
/// <param name="Key">The key.</param>
/// <param name="RefreshTtl">Whether to refresh; <see langword="null"/> for the store default.</param>
public sealed record GetItemStep(IReadOnlyList<string> Labels, string Key, bool? RefreshTtl) : StoreOperationStep
{
    /// <inheritdoc />
    public override async Task<ModelObservation> ApplyAsync(StoreApi store, StoreRun run)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(run);
        return StoreModel.Render(await store.GetAsync(run.Under(Labels), Key, RefreshTtl).ConfigureAwait(false), run);
    }

    /// <inheritdoc />
    public override StoreOperation ToOperation(StoreRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new GetOperation(run.Under(Labels), Key, RefreshTtl);
    }

    /// <inheritdoc />
    public override string ToString() => $"get {Path(Labels)} {Key} refresh={RefreshTtl?.ToString() ?? "default"}";
}
