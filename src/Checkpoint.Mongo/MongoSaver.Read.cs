using System.Runtime.CompilerServices;
using Checkpoint.Mongo.Internal;
using Checkpoint.Providers;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo;

/// <content>Reading: get, list and list threads.</content>
public sealed partial class MongoSaver
{
    private const int ListPageSize = 100;

    /// <inheritdoc />
    protected override async Task<CheckpointTuple?> GetTupleCore(bool async, string threadId, string checkpointNs, string? checkpointId, CancellationToken cancellationToken)
    {
        var found = await MongoIo.FindAsync(async, _collections.Checkpoints, null, SaverQueries.Get(threadId, checkpointNs, checkpointId), cancellationToken, SaverQueries.NewestFirst, limit: 1).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return null;
        }

        var tuples = await ResolveAsync(async, [SaverDocuments.ReadCheckpoint(found[0])], cancellationToken).ConfigureAwait(false);
        return tuples[0];
    }

    /// <inheritdoc />
    protected override IEnumerable<CheckpointTuple> ListCore(CheckpointListQuery query)
    {
        var (filter, exact) = SaverQueries.List(query);
        using var cursor = OpenListCursor(async: false, query, filter, exact, CancellationToken.None).GetAwaiter().GetResult();
        var remaining = query.Limit ?? int.MaxValue;
        while (remaining > 0 && cursor.MoveNext())
        {
            var page = Matching(cursor.Current, query, exact).Take(remaining).ToList();
            foreach (var tuple in ResolveAsync(async: false, page, CancellationToken.None).GetAwaiter().GetResult())
            {
                remaining--;
                yield return tuple;
            }
        }
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<CheckpointTuple> ListCoreAsync(CheckpointListQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (filter, exact) = SaverQueries.List(query);
        using var cursor = await OpenListCursor(async: true, query, filter, exact, cancellationToken).ConfigureAwait(false);
        var remaining = query.Limit ?? int.MaxValue;
        while (remaining > 0 && await cursor.MoveNextAsync(cancellationToken).ConfigureAwait(false))
        {
            var page = Matching(cursor.Current, query, exact).Take(remaining).ToList();
            foreach (var tuple in await ResolveAsync(async: true, page, cancellationToken).ConfigureAwait(false))
            {
                remaining--;
                yield return tuple;
            }
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<ThreadInfo> ListThreadsCore(ThreadListOptions options)
    {
        using var cursor = MongoIo.AggregateAsync(async: false, _collections.Checkpoints, SaverQueries.ListThreads(options), CancellationToken.None).GetAwaiter().GetResult();
        while (cursor.MoveNext())
        {
            foreach (var document in cursor.Current)
            {
                yield return ToThreadInfo(document);
            }
        }
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<ThreadInfo> ListThreadsCoreAsync(ThreadListOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var cursor = await MongoIo.AggregateAsync(async: true, _collections.Checkpoints, SaverQueries.ListThreads(options), cancellationToken).ConfigureAwait(false);
        while (await cursor.MoveNextAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var document in cursor.Current)
            {
                yield return ToThreadInfo(document);
            }
        }
    }

    private static ThreadInfo ToThreadInfo(BsonDocument document) => new(document[Fields.Id].AsString, document["latest"].AsString);

    private static IEnumerable<StoredCheckpoint> Matching(IEnumerable<BsonDocument> documents, CheckpointListQuery query, bool exact)
    {
        foreach (var document in documents)
        {
            var stored = SaverDocuments.ReadCheckpoint(document);
            if (exact || query.Filter.Count == 0 || JsonValueComparer.MetadataMatches(stored.Metadata.Values, query.Filter))
            {
                yield return stored;
            }
        }
    }

    private Task<IAsyncCursor<BsonDocument>> OpenListCursor(bool async, CheckpointListQuery query, FilterDefinition<BsonDocument> filter, bool exact, CancellationToken cancellationToken)
    {
        // An exact filter lets the server apply the limit; otherwise documents are checked here and the cursor is
        // read only as far as the caller enumerates.
        var batch = Math.Min(query.Limit ?? ListPageSize, ListPageSize);
        return MongoIo.OpenCursorAsync(async, _collections.Checkpoints, null, filter, SaverQueries.ListSort, exact ? query.Limit : null, batch, cancellationToken);
    }

    /// <summary>Loads the channel values and pending writes of some checkpoints (three queries at most, whatever their number).</summary>
    private async Task<List<CheckpointTuple>> ResolveAsync(bool async, List<StoredCheckpoint> checkpoints, CancellationToken cancellationToken)
    {
        if (checkpoints.Count == 0)
        {
            return [];
        }

        var blobs = (await MongoIo.FindAsync(async, _collections.Blobs, null, SaverQueries.BlobsOf(checkpoints), cancellationToken).ConfigureAwait(false))
            .Select(SaverDocuments.ReadBlob)
            .ToList();
        var writes = (await MongoIo.FindAsync(async, _collections.Writes, null, SaverQueries.WritesOf(checkpoints.Select(c => (c.ThreadId, c.CheckpointNs, c.CheckpointId))), cancellationToken).ConfigureAwait(false))
            .Select(SaverDocuments.ReadWrite)
            .ToList();
        var sets = blobs.Select(b => (b.ThreadId, Set: ValueChunker.GetChunkSet(b.Value)))
            .Concat(writes.Select(w => (w.ThreadId, Set: ValueChunker.GetChunkSet(w.Value))))
            .Where(s => s.Set is not null)
            .Select(s => (s.ThreadId, s.Set!.Value))
            .ToList();
        var chunks = sets.Count == 0
            ? []
            : ValueChunker.GroupChunks(await MongoIo.FindAsync(async, _collections.Chunks, null, SaverQueries.ChunksOf(sets), cancellationToken, SaverQueries.ChunkOrder).ConfigureAwait(false));

        var blobsByKey = blobs.ToLookup(b => (b.ThreadId, b.CheckpointNs));
        var writesByKey = writes.ToLookup(w => (w.ThreadId, w.CheckpointNs, w.CheckpointId));
        var tuples = new List<CheckpointTuple>(checkpoints.Count);
        foreach (var stored in checkpoints)
        {
            var checkpoint = AssembleChannelValues(
                stored.Checkpoint,
                blobsByKey[(stored.ThreadId, stored.CheckpointNs)]
                    .Where(b => stored.Checkpoint.ChannelVersions.TryGetValue(b.Channel, out var version) && string.Equals(version, b.Version, StringComparison.Ordinal))
                    .Select(b => new SerializedBlob(b.Channel, b.Version, ValueChunker.Decode(b.Value, chunks))));
            var pending = writesByKey[(stored.ThreadId, stored.CheckpointNs, stored.CheckpointId)]
                .Select(w => new SerializedWrite(w.TaskId, w.TaskPath, w.Index, w.Channel, ValueChunker.Decode(w.Value, chunks)));
            tuples.Add(CreateTuple(stored.ThreadId, stored.CheckpointNs, checkpoint, stored.Metadata, stored.ParentCheckpointId, pending));
        }

        return tuples;
    }
}
