using Checkpoint.Mongo.Internal;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo;

/// <content>Removing and copying: delete thread, delete for runs, prune, copy thread.</content>
public sealed partial class MongoSaver
{
    /// <inheritdoc />
    protected override Task DeleteThreadCore(bool async, string threadId, CancellationToken cancellationToken) =>
        _transactions.RunAsync(async, s => DeleteThreadAsync(async, threadId, s, cancellationToken), cancellationToken);

    /// <inheritdoc />
    protected override Task DeleteForRunsCore(bool async, IReadOnlyList<string> runIds, CancellationToken cancellationToken) =>
        _transactions.RunAsync(async, s => DeleteForRunsAsync(async, runIds, s, cancellationToken), cancellationToken);

    /// <inheritdoc />
    protected override Task CopyThreadCore(bool async, string sourceThreadId, string targetThreadId, CancellationToken cancellationToken) =>
        _transactions.RunAsync(async, s => CopyThreadAsync(async, sourceThreadId, targetThreadId, s, cancellationToken), cancellationToken);

    /// <inheritdoc />
    protected override async Task PruneCore(bool async, IReadOnlyList<string> threadIds, PruneStrategy strategy, CancellationToken cancellationToken)
    {
        foreach (var threadId in threadIds)
        {
            await _transactions.RunAsync(
                async,
                async session =>
                {
                    if (strategy.Kind == PruneStrategyKind.DeleteAll)
                    {
                        await DeleteThreadAsync(async, threadId, session, cancellationToken).ConfigureAwait(false);
                        return;
                    }

                    var all = await MongoIo.FindAsync(async, _collections.Checkpoints, session, SaverQueries.Thread(threadId), cancellationToken, projection: ThreadGarbage.CheckpointProjection).ConfigureAwait(false);
                    await RemoveCheckpointsAsync(async, threadId, ChoosePruned(all, strategy), session, cancellationToken).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
    }

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

    private async Task DeleteThreadAsync(bool async, string threadId, IClientSessionHandle? session, CancellationToken cancellationToken)
    {
        // The commit points go first, so a concurrent reader never finds a checkpoint whose values are gone.
        var filter = SaverQueries.Thread(threadId);
        await MongoIo.DeleteManyAsync(async, _collections.Checkpoints, session, filter, cancellationToken).ConfigureAwait(false);
        await MongoIo.DeleteManyAsync(async, _collections.Writes, session, filter, cancellationToken).ConfigureAwait(false);
        await MongoIo.DeleteManyAsync(async, _collections.Blobs, session, filter, cancellationToken).ConfigureAwait(false);
        await MongoIo.DeleteManyAsync(async, _collections.Chunks, session, filter, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeleteForRunsAsync(bool async, IReadOnlyList<string> runIds, IClientSessionHandle? session, CancellationToken cancellationToken)
    {
        var projection = new BsonDocument(ThreadGarbage.CheckpointProjection) { { Fields.ThreadId, 1 } };
        var doomed = await MongoIo.FindAsync(async, _collections.Checkpoints, session, SaverQueries.Runs(runIds), cancellationToken, projection: projection).ConfigureAwait(false);
        foreach (var thread in doomed.GroupBy(d => d[Fields.ThreadId].AsString, StringComparer.Ordinal))
        {
            await RemoveCheckpointsAsync(async, thread.Key, [.. thread], session, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes checkpoints of one thread with their writes, then the blobs and chunks nothing refers to any more.</summary>
    private async Task RemoveCheckpointsAsync(bool async, string threadId, List<BsonDocument> doomed, IClientSessionHandle? session, CancellationToken cancellationToken)
    {
        var keys = doomed.Select(d => (threadId, d[Fields.CheckpointNs].AsString, d[Fields.CheckpointId].AsString)).ToList();
        var deadWrites = new List<BsonDocument>();
        if (keys.Count > 0)
        {
            foreach (var ns in keys.GroupBy(k => k.Item2, StringComparer.Ordinal))
            {
                await MongoIo.DeleteManyAsync(async, _collections.Checkpoints, session, SaverQueries.CheckpointsById(threadId, ns.Key, ns.Select(k => k.Item3)), cancellationToken).ConfigureAwait(false);
            }

            var writesFilter = SaverQueries.WritesOf(keys);
            deadWrites = await MongoIo.FindAsync(async, _collections.Writes, session, writesFilter, cancellationToken, projection: ThreadGarbage.ValueProjection).ConfigureAwait(false);
            await MongoIo.DeleteManyAsync(async, _collections.Writes, session, writesFilter, cancellationToken).ConfigureAwait(false);
        }

        var thread = SaverQueries.Thread(threadId);
        var cutoff = Now() - _options.OrphanGracePeriod;
        var remaining = await MongoIo.FindAsync(async, _collections.Checkpoints, session, thread, cancellationToken, projection: ThreadGarbage.CheckpointProjection).ConfigureAwait(false);
        var blobs = await MongoIo.FindAsync(async, _collections.Blobs, session, thread, cancellationToken, projection: ThreadGarbage.ValueProjection).ConfigureAwait(false);
        var deadBlobs = ThreadGarbage.DeadBlobs(blobs, remaining, doomed, cutoff);
        if (deadBlobs.Count > 0)
        {
            await MongoIo.DeleteManyAsync(async, _collections.Blobs, session, SaverQueries.ByIds(deadBlobs.Select(b => b[Fields.Id])), cancellationToken).ConfigureAwait(false);
        }

        var deadIds = deadBlobs.Select(b => b[Fields.Id]).ToHashSet();
        var liveWrites = await MongoIo.FindAsync(async, _collections.Writes, session, thread, cancellationToken, projection: ThreadGarbage.ValueProjection).ConfigureAwait(false);
        var firstChunks = await MongoIo.FindAsync(async, _collections.Chunks, session, new BsonDocument { { Fields.ThreadId, threadId }, { Fields.ChunkNumber, 0 } }, cancellationToken, projection: ThreadGarbage.ChunkProjection).ConfigureAwait(false);
        var deadSets = ThreadGarbage.DeadChunkSets(firstChunks, blobs.Where(b => !deadIds.Contains(b[Fields.Id])).Concat(liveWrites), deadBlobs.Concat(deadWrites), cutoff);
        if (deadSets.Count > 0)
        {
            await MongoIo.DeleteManyAsync(async, _collections.Chunks, session, SaverQueries.ChunksOf(threadId, deadSets), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CopyThreadAsync(bool async, string sourceThreadId, string targetThreadId, IClientSessionHandle? session, CancellationToken cancellationToken)
    {
        var target = await MongoIo.FindAsync(async, _collections.Checkpoints, session, SaverQueries.Thread(targetThreadId), cancellationToken, limit: 1).ConfigureAwait(false);
        if (target.Count > 0)
        {
            throw new InvalidOperationException($"Cannot copy thread '{sourceThreadId}' to '{targetThreadId}': the target thread already has checkpoints.");
        }

        var source = await MongoIo.FindAsync(async, _collections.Checkpoints, session, SaverQueries.Thread(sourceThreadId), cancellationToken, limit: 1).ConfigureAwait(false);
        if (source.Count == 0)
        {
            return;
        }

        // Same order as a put: chunks, values and writes before the checkpoint documents that commit them.
        foreach (var collection in new[] { _collections.Chunks, _collections.Blobs, _collections.Writes, _collections.Checkpoints })
        {
            using var cursor = await MongoIo.OpenCursorAsync(async, collection, session, SaverQueries.Thread(sourceThreadId), sort: null, limit: null, batchSize: null, cancellationToken).ConfigureAwait(false);
            while (await MongoIo.MoveNextAsync(async, cursor, cancellationToken).ConfigureAwait(false))
            {
                var copies = cursor.Current.Select(d => CopyForThread(d, targetThreadId)).ToList();
                await MongoIo.InsertManyAsync(async, collection, session, copies, cancellationToken).ConfigureAwait(false);
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
