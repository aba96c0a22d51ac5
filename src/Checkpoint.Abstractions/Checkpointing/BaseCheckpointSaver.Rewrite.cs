using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Checkpoint.Providers;

namespace Checkpoint;

/// <content>
/// Copying a thread value by value (read, then serialize again for the new place), which a serializer that binds values
/// to their location needs, and rewriting a thread in place with the current serializer (to encrypt it or re-encrypt it).
/// </content>
public abstract partial class BaseCheckpointSaver
{
    private const string StagingPrefix = "\u0001rewrite\u0001";
    private const string DonePrefix = "\u0001rewrite-done\u0001";

    // While a thread is rewritten, CreateTuple records each tuple's stored write indexes here (PendingWrite has none).
    private static readonly AsyncLocal<ConditionalWeakTable<CheckpointTuple, int[]>?> WriteIndexes = new();

    /// <summary>
    /// Reads every checkpoint, value and write of a thread and writes it again with the current <see cref="Serializer"/>,
    /// in place: same ids, parents, metadata and values. Use it to encrypt a thread written before encryption was turned
    /// on (with <see cref="EncryptedSerializerOptions.AllowUnencryptedReads"/> set while it runs), or to re-encrypt it with
    /// the current key after a rotation so the old key can be dropped.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The thread is copied, value by value, to a staging thread (<c>U+0001 "rewrite" U+0001 &lt;thread id&gt;</c>), a marker
    /// thread records that the copy is complete, the thread is deleted and copied back, and the staging and marker threads
    /// are deleted. At every moment the whole thread exists in one of the two places: if the process stops part way,
    /// calling <see cref="RewriteThread"/> again for the same thread finishes the job.
    /// </para>
    /// <para>
    /// It is not atomic: run it while nothing else reads or writes the thread (a run in progress would see the thread
    /// disappear for a moment, and a checkpoint written meanwhile would be lost). It costs two reads and two writes of
    /// the whole thread.
    /// </para>
    /// </remarks>
    /// <param name="threadId">The thread; an unknown thread is not an error.</param>
    /// <exception cref="CheckpointSerializationException">A stored value cannot be read with the current serializer; the thread is unchanged.</exception>
    public void RewriteThread(string threadId)
    {
        ThrowIfDisposed();
        ValidateIdentifier(threadId, nameof(threadId));
        SyncPath.Wait(RewriteThreadCore(async: false, threadId, CancellationToken.None));
    }

    /// <summary>Asynchronously rewrites a thread in place with the current serializer; see <see cref="RewriteThread"/>.</summary>
    /// <param name="threadId">The thread; an unknown thread is not an error.</param>
    /// <param name="cancellationToken">A token to cancel the operation; calling again after a cancellation finishes the job.</param>
    /// <returns>A task that completes when the thread is rewritten.</returns>
    /// <exception cref="CheckpointSerializationException">A stored value cannot be read with the current serializer; the thread is unchanged.</exception>
    public Task RewriteThreadAsync(string threadId, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ValidateIdentifier(threadId, nameof(threadId));
        return cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : RewriteThreadCore(async: true, threadId, cancellationToken);
    }

    private async Task RewriteThreadCore(bool async, string threadId, CancellationToken cancellationToken)
    {
        var staging = StagingPrefix + threadId;
        var done = DonePrefix + threadId;
        if (!await HasCheckpointsAsync(async, done, cancellationToken).ConfigureAwait(false))
        {
            // No complete staging copy: the thread itself is whole. Start (again) from a fresh staging copy.
            await DeleteThreadCore(async, staging, cancellationToken).ConfigureAwait(false);
            if (!await HasCheckpointsAsync(async, threadId, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await CopyByRewritingAsync(async, threadId, staging, cancellationToken).ConfigureAwait(false);
            await PutMarkerAsync(async, done, cancellationToken).ConfigureAwait(false);
        }

        // The staging copy is complete: the thread may be whole, partly copied back, or gone.
        await DeleteThreadCore(async, threadId, cancellationToken).ConfigureAwait(false);
        await CopyByRewritingAsync(async, staging, threadId, cancellationToken).ConfigureAwait(false);
        await DeleteThreadCore(async, done, cancellationToken).ConfigureAwait(false);
        await DeleteThreadCore(async, staging, cancellationToken).ConfigureAwait(false);
    }

    private Task CopyThreadOrRewrite(bool async, string sourceThreadId, string targetThreadId, CancellationToken cancellationToken) =>
        Serializer.BindsLocation
            ? CopyToEmptyThreadByRewritingAsync(async, sourceThreadId, targetThreadId, cancellationToken)
            : CopyThreadCore(async, sourceThreadId, targetThreadId, cancellationToken);

    private async Task CopyToEmptyThreadByRewritingAsync(bool async, string sourceThreadId, string targetThreadId, CancellationToken cancellationToken)
    {
        if (await HasCheckpointsAsync(async, targetThreadId, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"Cannot copy thread '{sourceThreadId}' to '{targetThreadId}': the target thread already has checkpoints.");
        }

        // Whatever the target holds without checkpoints (stray writes or values) must not shadow the copy.
        await DeleteThreadCore(async, targetThreadId, cancellationToken).ConfigureAwait(false);
        await CopyByRewritingAsync(async, sourceThreadId, targetThreadId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Copies a thread oldest checkpoint first, so an interrupted copy holds whole checkpoints whose parents exist; every
    /// value is deserialized at its source location and serialized again for the target.
    /// </summary>
    private async Task CopyByRewritingAsync(bool async, string sourceThreadId, string targetThreadId, CancellationToken cancellationToken)
    {
        // The ids come from the stored form: listing decodes no value (each is decoded once, below).
        var keys = new List<(string Ns, string Id)>();
        var all = new CheckpointListQuery(sourceThreadId, null, null, new Dictionary<string, JsonNode?>(), null, null);
        if (async)
        {
            await foreach (var raw in ListRawCoreAsync(all, cancellationToken).ConfigureAwait(false))
            {
                keys.Add((raw.CheckpointNs, raw.CheckpointId));
            }
        }
        else
        {
            keys.AddRange(ListRawCore(all).Select(raw => (raw.CheckpointNs, raw.CheckpointId)));
        }

        var written = new HashSet<(string Ns, string Channel, string Version)>();
        var previous = WriteIndexes.Value;
        WriteIndexes.Value = new ConditionalWeakTable<CheckpointTuple, int[]>();
        try
        {
            for (var k = keys.Count - 1; k >= 0; k--)
            {
                var (ns, id) = keys[k];
                var tuple = await GetTupleCore(async, sourceThreadId, ns, id, cancellationToken).ConfigureAwait(false);
                if (tuple is not null)
                {
                    await CopyTupleAsync(async, tuple, targetThreadId, written, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            WriteIndexes.Value = previous;
        }
    }

    private async Task CopyTupleAsync(bool async, CheckpointTuple tuple, string targetThreadId, HashSet<(string, string, string)> written, CancellationToken cancellationToken)
    {
        var ns = tuple.Config.ResolvedCheckpointNs;
        var checkpoint = tuple.Checkpoint;

        // Each (channel, version) is written once; later checkpoints find it under the same key.
        var newVersions = checkpoint.ChannelVersions
            .Where(v => written.Add((ns, v.Key, v.Value)))
            .ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var request = PreparePut(new RunConfig(targetThreadId, ns, tuple.ParentConfig?.CheckpointId), checkpoint, tuple.Metadata, newVersions);
        await PutCore(async, request, cancellationToken).ConfigureAwait(false);

        if (tuple.PendingWrites.Count == 0)
        {
            return;
        }

        var indexes = WriteIndexes.Value!.TryGetValue(tuple, out var stored) ? stored : null;
        var byTask = new Dictionary<(string TaskId, string TaskPath), List<SerializedWrite>>();
        for (var i = 0; i < tuple.PendingWrites.Count; i++)
        {
            var write = tuple.PendingWrites[i];
            var index = indexes?[i] ?? SpecialChannels.GetWriteIndex(write.Channel, i);
            var location = ValueLocation.PendingWrite(targetThreadId, ns, checkpoint.Id, write.TaskId, index, write.Channel);
            var serialized = new SerializedWrite(write.TaskId, write.TaskPath, index, write.Channel, SerializeValue(write.Value, location, "pending write to channel"));
            if (!byTask.TryGetValue((write.TaskId, write.TaskPath), out var writes))
            {
                writes = [];
                byTask[(write.TaskId, write.TaskPath)] = writes;
            }

            writes.Add(serialized);
        }

        foreach (var ((taskId, taskPath), writes) in byTask)
        {
            await PutWritesCore(async, new CheckpointPutWritesRequest(targetThreadId, ns, checkpoint.Id, taskId, taskPath, writes), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> HasCheckpointsAsync(bool async, string threadId, CancellationToken cancellationToken)
    {
        var query = new CheckpointListQuery(threadId, null, null, new Dictionary<string, JsonNode?>(), null, 1);
        if (!async)
        {
            return ListRawCore(query).Any();
        }

        await foreach (var _ in ListRawCoreAsync(query, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        return false;
    }

    private Task PutMarkerAsync(bool async, string threadId, CancellationToken cancellationToken)
    {
        var marker = GraphCheckpoint.CreateEmpty(step: -1);
        var request = PreparePut(new RunConfig(threadId), marker, CheckpointMetadata.Create(CheckpointSource.Input, step: -1), new Dictionary<string, string>());
        return PutCore(async, request, cancellationToken);
    }

    /// <summary>Records a tuple's stored write indexes (in the order of its pending writes) while a thread is being rewritten.</summary>
    private static void RememberWriteIndexes(CheckpointTuple tuple, IEnumerable<SerializedWrite> ordered)
    {
        if (WriteIndexes.Value is { } table)
        {
            table.AddOrUpdate(tuple, [.. ordered.Select(w => w.Index)]);
        }
    }
}
