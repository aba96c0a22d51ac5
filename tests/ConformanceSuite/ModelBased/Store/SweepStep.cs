namespace Checkpoint.ConformanceSuite;

/// <summary>Sweeps expired items; the result is how many were removed.</summary>
public sealed record SweepStep : StoreStep
{
    /// <inheritdoc />
    public override async Task<ModelObservation> ApplyAsync(StoreApi store, StoreRun run)
    {
        ArgumentNullException.ThrowIfNull(store);
        return ModelObservation.Of("removed " + (await store.SweepExpiredAsync().ConfigureAwait(false)).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <inheritdoc />
    public override string ToString() => "sweep_expired";
}
