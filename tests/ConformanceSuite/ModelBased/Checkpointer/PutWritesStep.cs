namespace Checkpoint.ConformanceSuite;

/// <summary>Puts the pending writes of one task against an existing checkpoint (skipped when it does not exist).</summary>
/// <param name="Thread">The symbolic thread.</param>
/// <param name="CheckpointNs">The checkpoint namespace.</param>
/// <param name="Checkpoint">The checkpoint the writes belong to.</param>
/// <param name="TaskId">The task.</param>
/// <param name="TaskPath">The task path.</param>
/// <param name="Writes">The writes, in call order.</param>
/// <param name="IsRetry">Whether this repeats an earlier call (possibly with other values).</param>
public sealed record PutWritesStep(int Thread, string CheckpointNs, CheckpointRef Checkpoint, string TaskId, string TaskPath, IReadOnlyList<ChannelWrite> Writes, bool IsRetry) : CheckpointerStep
{
    /// <inheritdoc />
    public override async Task<bool> IsApplicableAsync(SaverApi reference, CheckpointerRun run)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(run);
        return await reference.GetTupleAsync(new RunConfig(run.Thread(Thread), CheckpointNs, Checkpoint.Id)).ConfigureAwait(false) is not null;
    }

    /// <inheritdoc />
    public override async Task<string> ApplyAsync(SaverApi saver, CheckpointerRun run)
    {
        ArgumentNullException.ThrowIfNull(saver);
        ArgumentNullException.ThrowIfNull(run);
        await saver.PutWritesAsync(new RunConfig(run.Thread(Thread), CheckpointNs, Checkpoint.Id), [.. Writes], TaskId, TaskPath).ConfigureAwait(false);
        return "ok";
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"put_writes{(IsRetry ? " (retry)" : string.Empty)} t{Thread} {Ns(CheckpointNs)} {Checkpoint} task={TaskId} path=\"{TaskPath}\" " +
        $"writes=[{string.Join(", ", Writes.Select(w => $"{w.Channel}={CheckpointerModel.Short(ModelCanonical.Value(w.Value))}"))}]";
}
