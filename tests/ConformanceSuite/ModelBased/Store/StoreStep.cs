namespace Checkpoint.ConformanceSuite;

/// <summary>One operation of a store model sequence; <see cref="object.ToString"/> prints it on one line.</summary>
public abstract record StoreStep
{
    /// <summary>Runs the operation and renders its result canonically.</summary>
    /// <param name="store">The store.</param>
    /// <param name="run">The replay's shared state.</param>
    /// <returns>The observation.</returns>
    public abstract Task<ModelObservation> ApplyAsync(StoreApi store, StoreRun run);

    /// <summary>Prints a namespace below the root.</summary>
    /// <param name="labels">The labels below the root.</param>
    /// <returns>For example <c>~/a/b</c>.</returns>
    protected static string Path(IEnumerable<string> labels) => string.Concat(labels.Prepend("~").Select((l, i) => i == 0 ? l : "/" + l));
}
