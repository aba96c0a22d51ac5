using System.Text.Json;
using Checkpoint.Cli.Inspection;
using Checkpoint.Providers;

namespace Checkpoint.Cli.Verification;

/// <summary>
/// Checks that every checkpoint of a thread can be read: the checkpoint and its metadata parse, every value its channel
/// versions refer to is stored (chunks of long lists included), stored values are well-formed for their type, pending
/// writes too, and every parent exists.
/// </summary>
internal sealed class ThreadVerifier(BaseCheckpointSaver saver)
{
    public int Checkpoints { get; private set; }

    public int Values { get; private set; }

    public int Writes { get; private set; }

    /// <summary>Verifies one thread.</summary>
    /// <param name="threadId">The thread.</param>
    /// <param name="damages">Where found damage is added.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>A task that completes when the thread is checked.</returns>
    public async Task VerifyAsync(string threadId, List<Damage> damages, CancellationToken cancellationToken)
    {
        var ids = new HashSet<(string Ns, string Id)>();
        var parents = new List<(string Ns, string Id, string Parent)>();
        var checkedValues = new HashSet<(string Ns, string Channel, string Version)>();
        string? before = null;
        while (true)
        {
            string? last = null;
            try
            {
                var options = new CheckpointListOptions { Before = before is null ? null : new RunConfig(threadId, null, before) };
                await foreach (var checkpoint in saver.ListRawAsync(new RunConfig(threadId, null), options, cancellationToken).ConfigureAwait(false))
                {
                    last = checkpoint.CheckpointId;
                    Checkpoints++;
                    ids.Add((checkpoint.CheckpointNs, checkpoint.CheckpointId));
                    if (checkpoint.ParentCheckpointId is { } parent)
                    {
                        parents.Add((checkpoint.CheckpointNs, checkpoint.CheckpointId, parent));
                    }

                    Check(checkpoint, checkedValues, damages);
                }

                break;
            }
            catch (Exception e) when (IsDamage(e))
            {
                // The backend stops at a damaged row. Without its id the rest of the thread cannot be reached.
                var at = DamagedCheckpointId(e);
                damages.Add(new Damage("unreadable-checkpoint", threadId, null, at, FirstLine(e.Message)));
                if (at is null || at == before)
                {
                    if (at is null)
                    {
                        damages.Add(new Damage("unreadable-checkpoint", threadId, null, null, $"checkpoints older than {last ?? before ?? "the newest"} were not checked: the listing cannot pass the damaged one"));
                    }

                    break;
                }

                before = at;
            }
        }

        foreach (var (ns, id, parent) in parents)
        {
            if (!ids.Contains((ns, parent)))
            {
                damages.Add(new Damage("missing-parent", threadId, ns, id, $"its parent checkpoint {parent} does not exist"));
            }
        }
    }

    /// <summary>
    /// Returns whether an exception from a read means stored data is damaged: anything but an unreachable database, a
    /// refusal of credentials or a cancellation (those stop <c>verify</c> with their own message).
    /// </summary>
    /// <param name="exception">The exception.</param>
    /// <returns><see langword="true"/> for damage.</returns>
    public static bool IsDamage(Exception exception) =>
        exception is not (OperationCanceledException or CliException)
        && ErrorReporter.Describe(exception, null).ExitCode != ExitCodes.Unavailable;

    private static string? DamagedCheckpointId(Exception exception) => (exception as CorruptCheckpointException)?.CheckpointId;

    private void Check(RawCheckpoint checkpoint, HashSet<(string, string, string)> checkedValues, List<Damage> damages)
    {
        Damage At(string kind, string detail) => new(kind, checkpoint.ThreadId, checkpoint.CheckpointNs, checkpoint.CheckpointId, detail);

        foreach (var missing in checkpoint.MissingBlobs)
        {
            damages.Add(ChunkName(missing) is { } chunk
                ? At("missing-chunk", $"chunk {chunk.Index} of channel '{chunk.Channel}' (version {checkpoint.Checkpoint.ChannelVersions[missing]}) is not stored")
                : At("missing-value", $"the value of channel '{missing}' at version {checkpoint.Checkpoint.ChannelVersions[missing]} is not stored"));
        }

        foreach (var channel in checkpoint.Channels)
        {
            var version = checkpoint.Checkpoint.ChannelVersions[channel];
            if (!checkedValues.Add((checkpoint.CheckpointNs, channel, version)) || checkpoint.MissingBlobs.Contains(channel))
            {
                continue;
            }

            Values++;
            SerializedValue? value;
            try
            {
                value = checkpoint.GetValue(channel);
            }
            catch (CheckpointSerializationException e)
            {
                // A missing chunk is reported above; a chunk that is there but damaged is reported here.
                if (!checkpoint.MissingBlobs.Any(m => ChunkName(m)?.Channel == channel))
                {
                    damages.Add(At("corrupt-chunk", FirstLine(e.Message)));
                }

                continue;
            }

            if (value is { } stored && ValueRenderer.FindProblem(stored) is { } problem)
            {
                damages.Add(At("corrupt-value", $"the value of channel '{channel}' at version {version}: {problem}"));
            }
        }

        foreach (var write in checkpoint.Writes)
        {
            Writes++;
            if (ValueRenderer.FindProblem(write.Value) is { } problem)
            {
                damages.Add(At("corrupt-write", $"pending write #{write.Index} of task '{write.TaskId}' to channel '{write.Channel}': {problem}"));
            }
        }
    }

    /// <summary>Reads a chunk channel name (U+0001 index U+0001 channel).</summary>
    private static (int Index, string Channel)? ChunkName(string name)
    {
        if (!RawCheckpoint.IsChunkChannel(name))
        {
            return null;
        }

        var end = name.IndexOf('\u0001', 1);
        return end > 1 && int.TryParse(name.AsSpan(1, end - 1), System.Globalization.CultureInfo.InvariantCulture, out var index) ? (index, name[(end + 1)..]) : null;
    }

    /// <summary>Returns the first line of an exception message, which is what a damage report shows.</summary>
    internal static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
