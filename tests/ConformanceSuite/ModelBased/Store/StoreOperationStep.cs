namespace Checkpoint.ConformanceSuite;

/// <summary>A store step that is one <see cref="StoreOperation"/>, so it can also run inside a <see cref="StoreBatchStep"/>.</summary>
public abstract record StoreOperationStep : StoreStep
{
    /// <summary>Creates the operation.</summary>
    /// <param name="run">The replay's shared state.</param>
    /// <returns>The operation.</returns>
    public abstract StoreOperation ToOperation(StoreRun run);

    /// <summary>Renders the operation's batch result.</summary>
    /// <param name="result">The result.</param>
    /// <param name="run">The replay's shared state.</param>
    /// <returns>The observation.</returns>
    public virtual ModelObservation Render(object? result, StoreRun run) => StoreModel.Render(result, run);
}
