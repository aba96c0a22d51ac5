using System.Runtime.CompilerServices;

namespace Checkpoint;

/// <content>
/// The read-path migration of checkpoints written before format v4: sends were stored as writes to
/// <c>__pregel_tasks</c> on the parent and must appear as that channel's value on the child.
/// </content>
public abstract partial class BaseCheckpointSaver
{
    private static bool NeedsPendingSendsMigration(CheckpointTuple tuple) =>
        tuple.Checkpoint.V < 4 && tuple.ParentConfig?.CheckpointId is not null;

    private CheckpointTuple MigratePendingSends(CheckpointTuple tuple, CheckpointTuple? parent)
    {
        // PendingWrites are already ordered by (task path, task id, index).
        var sends = parent?.PendingWrites
            .Where(w => w.Channel == SpecialChannels.Tasks)
            .Select(w => w.Value)
            .ToList();
        if (sends is null || sends.Count == 0)
        {
            return tuple;
        }

        var checkpoint = tuple.Checkpoint.Clone();
        checkpoint.ChannelValues[SpecialChannels.Tasks] = sends;
        checkpoint.ChannelVersions[SpecialChannels.Tasks] = checkpoint.ChannelVersions.Count > 0
            ? checkpoint.ChannelVersions.Values.Max(Comparer<string>.Create(ChannelVersion.Compare))!
            : GetNextVersion(null);
        return tuple with { Checkpoint = checkpoint };
    }

    private IEnumerable<CheckpointTuple> ApplyPendingSendsMigration(IEnumerable<CheckpointTuple> tuples)
    {
        foreach (var tuple in tuples)
        {
            if (!NeedsPendingSendsMigration(tuple))
            {
                yield return tuple;
                continue;
            }

            var parent = tuple.ParentConfig!;
            yield return MigratePendingSends(tuple, SyncPath.Result(GetTupleCore(async: false, parent.ThreadId!, parent.ResolvedCheckpointNs, parent.CheckpointId, CancellationToken.None)));
        }
    }

    private async IAsyncEnumerable<CheckpointTuple> ApplyPendingSendsMigrationAsync(IAsyncEnumerable<CheckpointTuple> tuples, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var tuple in tuples.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (!NeedsPendingSendsMigration(tuple))
            {
                yield return tuple;
                continue;
            }

            var parent = tuple.ParentConfig!;
            yield return MigratePendingSends(tuple, await GetTupleCore(async: true, parent.ThreadId!, parent.ResolvedCheckpointNs, parent.CheckpointId, cancellationToken).ConfigureAwait(false));
        }
    }
}
