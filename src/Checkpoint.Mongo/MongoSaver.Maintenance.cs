using Checkpoint.Providers;
using Checkpoint.Mongo.Internal;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo;

/// <content>
/// Removing and copying: delete thread, delete for runs, prune, copy thread. None runs in one transaction (a long thread
/// would outlast MongoDB's 60-second transaction limit); each writes in an order that keeps readers consistent: the
/// checkpoint documents (the commit points) go first when removing and come last when copying, and every query that
/// names many documents is split into batches well under the 16 MB command limit.
/// </content>
public sealed partial class MongoSaver
{
    /// <inheritdoc />
    protected override async Task DeleteThreadCore(bool async, string threadId, CancellationToken cancellationToken)
    {
        await _server.HelloAsync(async, cancellationToken).ConfigureAwait(false);
        await DeleteThreadAsync(async, threadId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task DeleteForRunsCore(bool async, IReadOnlyList<string> runIds, CancellationToken cancellationToken)
    {
        await _server.HelloAsync(async, cancellationToken).ConfigureAwait(false);
        var projection = new BsonDocument(ThreadGarbage.CheckpointProjection) { { Fields.ThreadId, 1 } };
        var doomed = new List<BsonDocument>();
        foreach (var batch in QueryBatches.Split(runIds))
        {
            doomed.AddRange(await MongoIo.FindAsync(async, _collections.Checkpoints, null, SaverQueries.Runs(batch), cancellationToken, projection: projection).ConfigureAwait(false));
        }

        foreach (var thread in doomed.GroupBy(d => d[Fields.ThreadId].AsString, StringComparer.Ordinal))
        {
            await RemoveCheckpointsAsync(async, thread.Key, [.. thread], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override async Task CopyThreadCore(bool async, string sourceThreadId, string targetThreadId, CancellationToken cancellationToken)
    {
        await _server.HelloAsync(async, cancellationToken).ConfigureAwait(false);
        var target = await MongoIo.FindAsync(async, _collections.Checkpoints, null, SaverQueries.Thread(targetThreadId), cancellationToken, limit: 1).ConfigureAwait(false);
        if (target.Count > 0)
        {
            throw new InvalidOperationException($"Cannot copy thread '{sourceThreadId}' to '{targetThreadId}': the target thread already has checkpoints.");
        }

        var source = await MongoIo.FindAsync(async, _collections.Checkpoints, null, SaverQueries.Thread(sourceThreadId), cancellationToken, limit: 1).ConfigureAwait(false);
        if (source.Count == 0)
        {
            return;
        }

        // Whatever the target holds without checkpoints (leftovers of a failed copy) must not shadow the copy.
        await DeleteThreadAsync(async, targetThreadId, cancellationToken).ConfigureAwait(false);

        // Same order as a put: chunks, values and writes before the checkpoint documents that commit them.
        foreach (var collection in new[] { _collections.Chunks, _collections.Blobs, _collections.Writes, _collections.Checkpoints })
        {
            using var cursor = await MongoIo.OpenCursorAsync(async, collection, null, SaverQueries.Thread(sourceThreadId), sort: null, limit: null, batchSize: null, cancellationToken).ConfigureAwait(false);
            while (await MongoIo.MoveNextAsync(async, cursor, cancellationToken).ConfigureAwait(false))
            {
                var copies = cursor.Current.Select(d => CopyForThread(d, targetThreadId)).ToList();
                await MongoIo.InsertManyAsync(async, collection, null, copies, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    protected override async Task PruneCore(bool async, IReadOnlyList<string> threadIds, PruneStrategy strategy, CancellationToken cancellationToken)
    {
        await _server.HelloAsync(async, cancellationToken).ConfigureAwait(false);
        foreach (var threadId in threadIds)
        {
            if (strategy.Kind == PruneStrategyKind.DeleteAll)
            {
                await DeleteThreadAsync(async, threadId, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var all = await MongoIo.FindAsync(async, _collections.Checkpoints, null, SaverQueries.Thread(threadId), cancellationToken, projection: ThreadGarbage.CheckpointProjection).ConfigureAwait(false);
            await RemoveCheckpointsAsync(async, threadId, ChoosePruned(all, strategy), cancellationToken).ConfigureAwait(false);
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
            var newestFirst = ns.OrderByDescending(c => c[Fields.CheckpointId].AsString, CodePointComparer.Instance).ToList();
            doomed.AddRange(strategy.Kind == PruneStrategyKind.KeepLast
                ? newestFirst.Skip(strategy.KeepCount)
                : newestFirst.Skip(1).Where(c => TimestampOf(c) is { } ts && ts < strategy.Cutoff));
        }

        return doomed;
    }

    /// <summary>Copies a document of any of the saver's collections to another thread (new <c>_id</c>, everything else kept).</summary>
    /// <param name="document">The document.</param>
    /// <param name="targetThreadId">The thread of the copy.</param>
    /// <returns>The copy.</returns>
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

    private static DateTimeOffset? TimestampOf(BsonDocument checkpoint) =>
        checkpoint.TryGetValue(Fields.Checkpoint, out var body) && body.IsBsonDocument && body.AsBsonDocument.TryGetValue("ts", out var ts) && ts.IsString
            ? new GraphCheckpoint { Id = checkpoint[Fields.CheckpointId].AsString, Ts = ts.AsString }.TryGetTimestamp()
            : null;

    private async Task DeleteThreadAsync(bool async, string threadId, CancellationToken cancellationToken)
    {
        // The commit points go first, so a concurrent reader never finds a checkpoint whose values are gone. Each is one
        // command whatever the number of documents: the filter names the thread, not the documents.
        var filter = SaverQueries.Thread(threadId);
        foreach (var collection in new[] { _collections.Checkpoints, _collections.Writes, _collections.Blobs, _collections.Chunks })
        {
            await MongoIo.DeleteManyAsync(async, collection, null, filter, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes checkpoints of one thread with their writes, then the blobs and chunks nothing refers to any more.</summary>
    private async Task RemoveCheckpointsAsync(bool async, string threadId, List<BsonDocument> doomed, CancellationToken cancellationToken)
    {
        var keys = doomed.Select(d => (ThreadId: threadId, Ns: d[Fields.CheckpointNs].AsString, Id: d[Fields.CheckpointId].AsString)).ToList();
        var deadWrites = new List<BsonDocument>();
        foreach (var ns in keys.GroupBy(k => k.Ns, StringComparer.Ordinal))
        {
            foreach (var batch in QueryBatches.Split(ns.Select(k => k.Id)))
            {
                await MongoIo.DeleteManyAsync(async, _collections.Checkpoints, null, SaverQueries.CheckpointsById(threadId, ns.Key, batch), cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var batch in QueryBatches.Split(keys, k => k.Ns.Length + k.Id.Length))
        {
            var writesFilter = SaverQueries.WritesOf(batch);
            deadWrites.AddRange(await MongoIo.FindAsync(async, _collections.Writes, null, writesFilter, cancellationToken, projection: ThreadGarbage.ValueProjection).ConfigureAwait(false));
            await MongoIo.DeleteManyAsync(async, _collections.Writes, null, writesFilter, cancellationToken).ConfigureAwait(false);
        }

        var thread = SaverQueries.Thread(threadId);
        var cutoff = Now() - _options.OrphanGracePeriod;
        var remaining = await MongoIo.FindAsync(async, _collections.Checkpoints, null, thread, cancellationToken, projection: ThreadGarbage.CheckpointProjection).ConfigureAwait(false);
        var blobs = await MongoIo.FindAsync(async, _collections.Blobs, null, thread, cancellationToken, projection: ThreadGarbage.ValueProjection).ConfigureAwait(false);
        var deadBlobs = ThreadGarbage.DeadBlobs(blobs, remaining, doomed, cutoff);
        foreach (var batch in QueryBatches.Split(deadBlobs.Select(b => b[Fields.Id]), _ => 12))
        {
            await MongoIo.DeleteManyAsync(async, _collections.Blobs, null, SaverQueries.ByIds(batch), cancellationToken).ConfigureAwait(false);
        }

        var deadIds = deadBlobs.Select(b => b[Fields.Id]).ToHashSet();
        var liveWrites = await MongoIo.FindAsync(async, _collections.Writes, null, thread, cancellationToken, projection: ThreadGarbage.ValueProjection).ConfigureAwait(false);
        var firstChunks = await MongoIo.FindAsync(async, _collections.Chunks, null, new BsonDocument { { Fields.ThreadId, threadId }, { Fields.ChunkNumber, 0 } }, cancellationToken, projection: ThreadGarbage.ChunkProjection).ConfigureAwait(false);
        var deadSets = ThreadGarbage.DeadChunkSets(firstChunks, blobs.Where(b => !deadIds.Contains(b[Fields.Id])).Concat(liveWrites), deadBlobs.Concat(deadWrites), cutoff);
        foreach (var batch in QueryBatches.Split(deadSets, _ => 12))
        {
            await MongoIo.DeleteManyAsync(async, _collections.Chunks, null, SaverQueries.ChunksOf(threadId, batch), cancellationToken).ConfigureAwait(false);
        }
    }
}
