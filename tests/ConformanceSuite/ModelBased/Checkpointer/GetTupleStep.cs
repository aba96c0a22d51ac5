namespace Checkpoint.ConformanceSuite;

/// <summary>Reads one checkpoint tuple: the latest of a namespace, or one by id (which may not exist).</summary>
/// <param name="Thread">The symbolic thread.</param>
/// <param name="CheckpointNs">The checkpoint namespace.</param>
/// <param name="Checkpoint">The checkpoint, or <see langword="null"/> for the latest.</param>
public sealed record GetTupleStep(int Thread, string CheckpointNs, CheckpointRef? Checkpoint) : CheckpointerStep
{
    /// <inheritdoc />
    public override async Task<string> ApplyAsync(SaverApi saver, CheckpointerRun run)
    {
        ArgumentNullException.ThrowIfNull(saver);
        ArgumentNullException.ThrowIfNull(run);
        return CheckpointerModel.Render(await saver.GetTupleAsync(new RunConfig(run.Thread(Thread), CheckpointNs, Checkpoint?.Id)).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public override string ToString() => $"get_tuple t{Thread} {Ns(CheckpointNs)} {Checkpoint?.ToString() ?? "latest"}";
}
