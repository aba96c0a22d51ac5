namespace Checkpoint.ConformanceSuite;

/// <summary>Copies a thread onto another (which fails when the target has checkpoints or is the source).</summary>
/// <param name="Source">The symbolic source thread.</param>
/// <param name="Target">The symbolic target thread.</param>
public sealed record CopyThreadStep(int Source, int Target) : CheckpointerStep
{
    /// <inheritdoc />
    public override async Task<string> ApplyAsync(SaverApi saver, CheckpointerRun run)
    {
        ArgumentNullException.ThrowIfNull(saver);
        ArgumentNullException.ThrowIfNull(run);
        await saver.CopyThreadAsync(run.Thread(Source), run.Thread(Target)).ConfigureAwait(false);
        return "ok";
    }

    /// <inheritdoc />
    public override string ToString() => $"copy_thread t{Source} -> t{Target}";
}
