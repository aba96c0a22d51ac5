using Checkpoint.Mongo.Internal;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo;

/// <content>Removing and copying: delete thread, delete for runs, prune, copy thread.</content>
public sealed partial class MongoSaver
{
    /// <inheritdoc />
    protected override void DeleteThreadCore(string threadId) =>
        _transactions.RunAsync(s => DeleteThreadAsync(threadId, s, async: false, CancellationToken.None), async: false, CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc />
    protected override Task DeleteThreadCoreAsync(string threadId, CancellationToken cancellationToken) =>
        _transactions.RunAsync(s => DeleteThreadAsync(threadId, s, async: true, cancellationToken), async: true, cancellationToken);

    /// <inheritdoc />
    protected override void DeleteForRunsCore(IReadOnlyList<string> runIds) =>
        _transactions.RunAsync(s => DeleteForRunsAsync(runIds, s, async: false, CancellationToken.None), async: false, CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc />
    protected override Task DeleteForRunsCoreAsync(IReadOnlyList<string> runIds, CancellationToken cancellationToken) =>
        _transactions.RunAsync(s => DeleteForRunsAsync(runIds, s, async: true, cancellationToken), async: true, cancellationToken);

    /// <inheritdoc />
    protected override void CopyThreadCore(string sourceThreadId, string targetThreadId) =>
        _transactions.RunAsync(s => CopyThreadAsync(sourceThreadId, targetThreadId, s, async: false, CancellationToken.None), async: false, CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc />
    protected override Task CopyThreadCoreAsync(string sourceThreadId, string targetThreadId, CancellationToken cancellationToken) =>
        _transactions.RunAsync(s => CopyThreadAsync(sourceThreadId, targetThreadId, s, async: true, cancellationToken), async: true, cancellationToken);

    /// <inheritdoc />
    protected override void PruneCore(IReadOnlyList<string> threadIds, PruneStrategy strategy) =>
        PruneAsync(threadIds, strategy, async: false, CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc />
    protected override Task PruneCoreAsync(IReadOnlyList<string> threadIds, PruneStrategy strategy, CancellationToken cancellationToken) =>
        PruneAsync(threadIds, strategy, async: true, cancellationToken);

    /// <summary>Chooses the checkpoints a strategy removes from one thread (all namespaces; the newest of each always stays).</summary>
    /// <param name="checkpoints">The thread's checkpoints, projected with <see cref="ThreadGarbage.CheckpointProjection"/>.</param>
    /// <param name="strategy">A keep-last or older-than strategy.</param>
    /// <returns>The checkpoints to remove.</returns>
    internal static List<BsonDocument> ChoosePruned(IEnumerable<BsonDocument> checkpoints, PruneStrategy strategy)
    {
        var doomed = new List<BsonDocument>();
        foreach (var ns in checkpoints.GroupBy(c => c[Fields.CheckpointNs].AsString, StringComparer.Ordinal))
        {
            var newestFirst = ns.OrderByDescending(c => c[Fields.CheckpointId].AsString, StringComparer.Ordinal).ToList();
            doomed.AddRange(strategy.Kind == PruneStrategyKind.KeepLast
                ? newestFirst.Skip(strategy.KeepCount)
                : newestFirst.Skip(1).Where(c => TimestampOf(c) is { } ts && ts < strategy.Cutoff));
        }

        return doomed;
    }

    private static DateTimeOffset? TimestampOf(BsonDocument checkpoint) =>
        checkpoint.TryGetValue(Fields.Checkpoint, out var body) && body.IsBsonDocument && body.AsBsonDocument.TryGetValue("ts", out var ts) && ts.IsString
            ? new GraphCheckpoint { Id = checkpoint[Fields.CheckpointId].AsString, Ts = ts.AsString }.TryGetTimestamp()
            : null;

    private async Task DeleteThreadAsync(string threadId, IClientSessionHandle? session, bool async, CancellationToken cancellationToken)
    {
        // The commit points go first, so a concurrent reader never finds a checkpoint whose values are gone.
        var filter = SaverQueries.Thread(threadId);
        await MongoIo.DeleteManyAsync(_collections.Checkpoints, session, filter, async, cancellationToken).ConfigureAwait(false);
        await MongoIo.DeleteManyAsync(_collections.Writes, session, filter, async, cancellationToken).ConfigureAwait(false);
        await MongoIo.DeleteManyAsync(_collections.Blobs, session, filter, async, cancellationToken).ConfigureAwait(false);
        await MongoIo.DeleteManyAsync(_collections.Chunks, session, filter, async, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeleteForRunsAsync(IReadOnlyList<string> runIds, IClientSessionHandle? session, bool async, CancellationToken cancellationToken)
    {
        var projection = new BsonDocument(ThreadGarbage.CheckpointProjection) { { Fields.ThreadId, 1 } };
        var doomed = await MongoIo.FindAsync(_collections.Checkpoints, session, SaverQueries.Runs(runIds), async, cancellationToken, projection: projection).ConfigureAwait(false);
        foreach (var thread in doomed.GroupBy(d => d[Fields.ThreadId].AsString, StringComparer.Ordinal))
        {
            await RemoveCheckpointsAsync(thread.Key, [.. thread], session, async, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PruneAsync(IReadOnlyList<string> threadIds, PruneStrategy strategy, bool async, CancellationToken cancellationToken)
    {
        foreach (var threadId in threadIds)
        {
            await _transactions.RunAsync(
                async session =>
                {
                    if (strategy.Kind == PruneStrategyKind.DeleteAll)
                    {
                        await DeleteThreadAsync(threadId, session, async, cancellationToken).ConfigureAwait(false);
                        return;
                    }

                    var all = await MongoIo.FindAsync(_collections.Checkpoints, session, SaverQueries.Thread(threadId), async, cancellationToken, projection: ThreadGarbage.CheckpointProjection).ConfigureAwait(false);
                    await RemoveCheckpointsAsync(threadId, ChoosePruned(all, strategy), session, async, cancellationToken).ConfigureAwait(false);
                },
                async,
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes checkpoints of one thread with their writes, then the blobs and chunks nothing refers to any more.</summary>
    private async Task RemoveCheckpointsAsync(string threadId, List<BsonDocument> doomed, IClientSessionHandle? session, bool async, CancellationToken cancellationToken)
    {
        var keys = doomed.Select(d => (threadId, d[Fields.CheckpointNs].AsString, d[Fields.CheckpointId].AsString)).ToList();
        var deadWrites = new List<BsonDocument>();
        if (keys.Count > 0)
        {
            foreach (var ns in keys.GroupBy(k => k.Item2, StringComparer.Ordinal))
            {
                await MongoIo.DeleteManyAsync(_collections.Checkpoints, session, SaverQueries.CheckpointsById(threadId, ns.Key, ns.Select(k => k.Item3)), async, cancellationToken).ConfigureAwait(false);
            }

            var writesFilter = SaverQueries.WritesOf(keys);
            deadWrites = await MongoIo.FindAsync(_collections.Writes, session, writesFilter, async, cancellationToken, projection: ThreadGarbage.ValueProjection).ConfigureAwait(false);
            await MongoIo.DeleteManyAsync(_collections.Writes, session, writesFilter, async, cancellationToken).ConfigureAwait(false);
        }

        var thread = SaverQueries.Thread(threadId);
        var cutoff = Now() - _options.OrphanGracePeriod;
        var remaining = await MongoIo.FindAsync(_collections.Checkpoints, session, thread, async, cancellationToken, projection: ThreadGarbage.CheckpointProjection).ConfigureAwait(false);
        var blobs = await MongoIo.FindAsync(_collections.Blobs, session, thread, async, cancellationToken, projection: ThreadGarbage.ValueProjection).ConfigureAwait(false);
        var deadBlobs = ThreadGarbage.DeadBlobs(blobs, remaining, doomed, cutoff);
        if (deadBlobs.Count > 0)
        {
            await MongoIo.DeleteManyAsync(_collections.Blobs, session, SaverQueries.ByIds(deadBlobs.Select(b => b[Fields.Id])), async, cancellationToken).ConfigureAwait(false);
        }

        var deadIds = deadBlobs.Select(b => b[Fields.Id]).ToHashSet();
        var liveWrites = await MongoIo.FindAsync(_collections.Writes, session, thread, async, cancellationToken, projection: ThreadGarbage.ValueProjection).ConfigureAwait(false);
        var firstChunks = await MongoIo.FindAsync(_collections.Chunks, session, new BsonDocument { { Fields.ThreadId, threadId }, { Fields.ChunkNumber, 0 } }, async, cancellationToken, projection: ThreadGarbage.ChunkProjection).ConfigureAwait(false);
        var deadSets = ThreadGarbage.DeadChunkSets(firstChunks, blobs.Where(b => !deadIds.Contains(b[Fields.Id])).Concat(liveWrites), deadBlobs.Concat(deadWrites), cutoff);
        if (deadSets.Count > 0)
        {
            await MongoIo.DeleteManyAsync(_collections.Chunks, session, SaverQueries.ChunksOf(threadId, deadSets), async, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CopyThreadAsync(string sourceThreadId, string targetThreadId, IClientSessionHandle? session, bool async, CancellationToken cancellationToken)
    {
        var target = await MongoIo.FindAsync(_collections.Checkpoints, session, SaverQueries.Thread(targetThreadId), async, cancellationToken, limit: 1).ConfigureAwait(false);
        if (target.Count > 0)
        {
            throw new InvalidOperationException($"Cannot copy thread '{sourceThreadId}' to '{targetThreadId}': the target thread already has checkpoints.");
        }

        var source = await MongoIo.FindAsync(_collections.Checkpoints, session, SaverQueries.Thread(sourceThreadId), async, cancellationToken, limit: 1).ConfigureAwait(false);
        if (source.Count == 0)
        {
            return;
        }

        // Same order as a put: chunks, values and writes before the checkpoint documents that commit them.
        foreach (var collection in new[] { _collections.Chunks, _collections.Blobs, _collections.Writes, _collections.Checkpoints })
        {
            using var cursor = await MongoIo.OpenCursorAsync(collection, session, SaverQueries.Thread(sourceThreadId), sort: null, limit: null, batchSize: null, async, cancellationToken).ConfigureAwait(false);
            while (await MongoIo.MoveNextAsync(cursor, async, cancellationToken).ConfigureAwait(false))
            {
                var copies = cursor.Current.Select(d => CopyForThread(d, targetThreadId)).ToList();
                await MongoIo.InsertManyAsync(collection, session, copies, async, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Copies a document of any of the saver's collections to another thread (new <c>_id</c>, everything else kept).</summary>
    internal static BsonDocument CopyForThread(BsonDocument document, string targetThreadId)
    {
        var copy = new BsonDocument();
        foreach (var element in document)
        {
            if (element.Name == Fields.Id)
            {
                continue;
            }

            copy.Add(element.Name, element.Name == Fields.ThreadId ? new BsonString(targetThreadId) : element.Value);
        }

        return copy;
    }
}
