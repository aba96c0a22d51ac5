using System.Text;

namespace Checkpoint.ConformanceSuite;

/// <summary>Reads the delta-channel history of some channels, walking the parents of a checkpoint.</summary>
/// <param name="Thread">The symbolic thread.</param>
/// <param name="CheckpointNs">The namespace.</param>
/// <param name="Checkpoint">The checkpoint, or <see langword="null"/> for the latest.</param>
/// <param name="Channels">The channels.</param>
public sealed record DeltaHistoryStep(int Thread, string CheckpointNs, CheckpointRef? Checkpoint, IReadOnlyList<string> Channels) : CheckpointerStep
{
    /// <inheritdoc />
    public override async Task<string> ApplyAsync(SaverApi saver, CheckpointerRun run)
    {
        ArgumentNullException.ThrowIfNull(saver);
        ArgumentNullException.ThrowIfNull(run);
        var history = await saver.GetDeltaChannelHistoryAsync(new RunConfig(run.Thread(Thread), CheckpointNs, Checkpoint?.Id), [.. Channels]).ConfigureAwait(false);
        var text = new StringBuilder();
        foreach (var (channel, entry) in history.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(channel).Append(": seed=").Append(entry.HasSeed ? ModelCanonical.Value(entry.Seed) : "none").Append(" writes=[")
                .AppendJoin(", ", entry.Writes.Select(w => $"{w.TaskPath}/{w.TaskId}/{w.Channel}={ModelCanonical.Value(w.Value)}"))
                .Append("]\n");
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => $"delta_history t{Thread} {Ns(CheckpointNs)} {Checkpoint?.ToString() ?? "latest"} channels=[{string.Join(", ", Channels)}]";
}
