namespace Checkpoint.ConformanceSuite;

/// <summary>One operation of a checkpointer model sequence; <see cref="object.ToString"/> prints it on one line.</summary>
public abstract record CheckpointerStep
{
    /// <summary>Returns whether the operation is meaningful in the current state (asked of the reference).</summary>
    /// <param name="reference">The reference saver.</param>
    /// <param name="run">The replay's identifiers.</param>
    /// <returns><see langword="true"/> to run the operation on both savers.</returns>
    public virtual Task<bool> IsApplicableAsync(SaverApi reference, CheckpointerRun run) => Task.FromResult(true);

    /// <summary>Runs the operation and renders its result canonically.</summary>
    /// <param name="saver">The saver.</param>
    /// <param name="run">The replay's identifiers.</param>
    /// <returns>The canonical result.</returns>
    public abstract Task<string> ApplyAsync(SaverApi saver, CheckpointerRun run);

    /// <summary>Prints a namespace for step descriptions.</summary>
    /// <param name="ns">The namespace.</param>
    /// <returns>The namespace in quotes, or <c>*</c> for "every namespace".</returns>
    protected static string Ns(string? ns) => ns is null ? "*" : $"\"{ns}\"";
}
