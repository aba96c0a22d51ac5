namespace Checkpoint.ConformanceSuite;

/// <summary>Advances the clock both stores read (applied once per step, by the replay).</summary>
/// <param name="By">How far.</param>
public sealed record AdvanceClockStep(TimeSpan By) : StoreStep
{
    /// <inheritdoc />
    public override Task<ModelObservation> ApplyAsync(StoreApi store, StoreRun run) => Task.FromResult(ModelObservation.Of("ok"));

    /// <inheritdoc />
    public override string ToString() => $"advance_clock {By}";
}
