namespace Checkpoint.ConformanceSuite;

/// <summary>Deletes a thread.</summary>
/// <param name="Thread">The symbolic thread.</param>
public sealed record DeleteThreadStep(int Thread) : CheckpointerStep
{
    /// <inheritdoc />
    public override async Task<string> ApplyAsync(SaverApi saver, CheckpointerRun run)
    {
        ArgumentNullException.ThrowIfNull(saver);
        ArgumentNullException.ThrowIfNull(run);
        await saver.DeleteThreadAsync(run.Thread(Thread)).ConfigureAwait(false);
        return "ok";
    }

    /// <inheritdoc />
    public override string ToString() => $"delete_thread t{Thread}";
}
