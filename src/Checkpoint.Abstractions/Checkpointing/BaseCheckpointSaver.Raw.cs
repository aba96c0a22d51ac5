using System.Runtime.CompilerServices;
using Checkpoint.Providers;

namespace Checkpoint;

/// <content>
/// Raw reads and writes (<see cref="RawCheckpointExtensions"/>): checkpoints in their stored form, values as tagged bytes,
/// for tools that move threads between backends. Reads run the backend's own list and get-tuple with a
/// <see cref="RawCapture"/> active only while the backend works (never while the caller holds an item), so other calls on
/// the same saver, even interleaved with the enumeration, are unaffected.
/// </content>
public abstract partial class BaseCheckpointSaver
{
    internal IEnumerable<RawCheckpoint> ListRaw(RunConfig? config, CheckpointListOptions? options)
    {
        ThrowIfDisposed();
        var query = CreateListQuery(config, options);
        return query.Limit == 0 ? [] : ListRawCore(query);
    }

    internal IAsyncEnumerable<RawCheckpoint> ListRawAsync(RunConfig? config, CheckpointListOptions? options, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var query = CreateListQuery(config, options);
        return query.Limit == 0 ? AsyncEnumerable.Empty<RawCheckpoint>() : ListRawCoreAsync(query, cancellationToken);
    }

    internal async Task<RawCheckpoint?> GetRawAsync(bool async, RunConfig config, CancellationToken cancellationToken)
    {
        if (ReadableThread(config, cancellationToken) is not { } threadId)
        {
            return null;
        }

        var capture = new RawCapture();
        CheckpointTuple? tuple;
        using (capture.Activate())
        {
            tuple = await GetTupleCore(async, threadId, config.ResolvedCheckpointNs, config.CheckpointId, cancellationToken).ConfigureAwait(false);
        }

        return tuple is null ? null : capture.Take(tuple);
    }

    internal async Task PutRawAsync(bool async, RawCheckpoint raw, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ThrowIfDisposed();
        ValidateIdentifier(raw.ThreadId, nameof(raw));
        ThrowIfHasNul(raw.CheckpointNs, "checkpoint_ns");
        ValidateIdentifier(raw.CheckpointId, nameof(raw));
        if (raw.ParentCheckpointId is not null)
        {
            ValidateIdentifier(raw.ParentCheckpointId, nameof(raw));
        }

        foreach (var blob in raw.Blobs)
        {
            ValidateIdentifier(blob.Channel, nameof(raw));
            ValidateIdentifier(blob.Version, nameof(raw));
        }

        foreach (var write in raw.Writes)
        {
            ValidateIdentifier(write.TaskId, nameof(raw));
            ValidateIdentifier(write.Channel, nameof(raw));
            ThrowIfHasNul(write.TaskPath, nameof(raw));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var checkpoint = raw.Checkpoint.Clone(includeChannelValues: false);
        var blobs = raw.Blobs.Select(b => b.WrittenBefore ? b with { WrittenBefore = false } : b).ToList();
        var request = new CheckpointPutRequest(
            raw.ThreadId, raw.CheckpointNs, checkpoint.Id, raw.ParentCheckpointId, checkpoint, raw.Metadata,
            CheckpointJson.Serialize(checkpoint), raw.Metadata.ToJsonString(), blobs);
        await PutCore(async, request, cancellationToken).ConfigureAwait(false);

        // One request per task, as the task wrote them; each write keeps its stored index.
        foreach (var task in raw.Writes.GroupBy(w => (w.TaskId, w.TaskPath)))
        {
            var writes = task.OrderBy(w => w.Index).ToList();
            var writesRequest = new CheckpointPutWritesRequest(raw.ThreadId, raw.CheckpointNs, checkpoint.Id, task.Key.TaskId, task.Key.TaskPath, writes);
            await PutWritesCore(async, writesRequest, cancellationToken).ConfigureAwait(false);
        }
    }

    private IEnumerable<RawCheckpoint> ListRawCore(CheckpointListQuery query)
    {
        var capture = new RawCapture();
        IEnumerator<CheckpointTuple> tuples;
        using (capture.Activate())
        {
            tuples = ListCore(query).GetEnumerator();
        }

        using (tuples)
        {
            while (true)
            {
                using (capture.Activate())
                {
                    if (!tuples.MoveNext())
                    {
                        yield break;
                    }
                }

                yield return capture.Take(tuples.Current);
            }
        }
    }

    private async IAsyncEnumerable<RawCheckpoint> ListRawCoreAsync(CheckpointListQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var capture = new RawCapture();
        IAsyncEnumerator<CheckpointTuple> tuples;
        using (capture.Activate())
        {
            tuples = ListCoreAsync(query, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }

        await using (tuples.ConfigureAwait(false))
        {
            while (true)
            {
                bool more;
                using (capture.Activate())
                {
                    more = await tuples.MoveNextAsync().ConfigureAwait(false);
                }

                if (!more)
                {
                    yield break;
                }

                yield return capture.Take(tuples.Current);
            }
        }
    }
}
