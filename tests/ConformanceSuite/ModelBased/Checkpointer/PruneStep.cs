namespace Checkpoint.ConformanceSuite;

/// <summary>Prunes threads with a strategy.</summary>
/// <param name="Threads">The symbolic threads (possibly unknown ones).</param>
/// <param name="Strategy">The strategy.</param>
public sealed record PruneStep(IReadOnlyList<int> Threads, PruneStrategy Strategy) : CheckpointerStep
{
    /// <inheritdoc />
    public override async Task<string> ApplyAsync(SaverApi saver, CheckpointerRun run)
    {
        ArgumentNullException.ThrowIfNull(saver);
        ArgumentNullException.ThrowIfNull(run);
        await saver.PruneAsync([.. Threads.Select(run.Thread)], Strategy).ConfigureAwait(false);
        return "ok";
    }

    /// <inheritdoc />
    public override string ToString() => $"prune [{string.Join(", ", Threads.Select(t => $"t{t}"))}] {Strategy}";
}
