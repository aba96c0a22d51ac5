namespace Checkpoint.ConformanceSuite;

/// <summary>Deletes the checkpoints of some runs.</summary>
/// <param name="Runs">The symbolic runs (possibly none, possibly unknown ones).</param>
public sealed record DeleteForRunsStep(IReadOnlyList<int> Runs) : CheckpointerStep
{
    /// <inheritdoc />
    public override async Task<string> ApplyAsync(SaverApi saver, CheckpointerRun run)
    {
        ArgumentNullException.ThrowIfNull(saver);
        ArgumentNullException.ThrowIfNull(run);
        await saver.DeleteForRunsAsync([.. Runs.Select(run.Run)]).ConfigureAwait(false);
        return "ok";
    }

    /// <inheritdoc />
    public override string ToString() => $"delete_for_runs [{string.Join(", ", Runs.Select(r => $"$run:{r}"))}]";
}
