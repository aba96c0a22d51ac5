using System.Runtime.CompilerServices;
using Checkpoint.Mongo.Internal;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo;

/// <content>Reading: get, list and list threads.</content>
public sealed partial class MongoSaver
{
    private const int ListPageSize = 100;

    /// <inheritdoc />
    protected override CheckpointTuple? GetTupleCore(string threadId, string checkpointNs, string? checkpointId) =>
        GetTupleAsync(threadId, checkpointNs, checkpointId, async: false, CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc />
    protected override Task<CheckpointTuple?> GetTupleCoreAsync(string threadId, string checkpointNs, string? checkpointId, CancellationToken cancellationToken) =>
        GetTupleAsync(threadId, checkpointNs, checkpointId, async: true, cancellationToken);

    /// <inheritdoc />
    protected override IEnumerable<CheckpointTuple> ListCore(CheckpointListQuery query)
    {
        var (filter, exact) = SaverQueries.List(query);
        using var cursor = OpenListCursor(query, filter, exact, async: false, CancellationToken.None).GetAwaiter().GetResult();
        var remaining = query.Limit ?? int.MaxValue;
        while (remaining > 0 && cursor.MoveNext())
        {
            var page = Matching(cursor.Current, query, exact).Take(remaining).ToList();
            foreach (var tuple in ResolveAsync(page, async: false, CancellationToken.None).GetAwaiter().GetResult())
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
        using var cursor = await OpenListCursor(query, filter, exact, async: true, cancellationToken).ConfigureAwait(false);
        var remaining = query.Limit ?? int.MaxValue;
        while (remaining > 0 && await cursor.MoveNextAsync(cancellationToken).ConfigureAwait(false))
        {
            var page = Matching(cursor.Current, query, exact).Take(remaining).ToList();
            foreach (var tuple in await ResolveAsync(page, async: true, cancellationToken).ConfigureAwait(false))
            {
                remaining--;
                yield return tuple;
            }
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<ThreadInfo> ListThreadsCore(ThreadListOptions options)
    {
        using var cursor = MongoIo.AggregateAsync(_collections.Checkpoints, SaverQueries.ListThreads(options), async: false, CancellationToken.None).GetAwaiter().GetResult();
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
        using var cursor = await MongoIo.AggregateAsync(_collections.Checkpoints, SaverQueries.ListThreads(options), async: true, cancellationToken).ConfigureAwait(false);
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

    private Task<IAsyncCursor<BsonDocument>> OpenListCursor(CheckpointListQuery query, FilterDefinition<BsonDocument> filter, bool exact, bool async, CancellationToken cancellationToken)
    {
        // An exact filter lets the server apply the limit; otherwise documents are checked here and the cursor is
        // read only as far as the caller enumerates.
        var batch = Math.Min(query.Limit ?? ListPageSize, ListPageSize);
        return MongoIo.OpenCursorAsync(_collections.Checkpoints, null, filter, SaverQueries.ListSort, exact ? query.Limit : null, batch, async, cancellationToken);
    }

    private async Task<CheckpointTuple?> GetTupleAsync(string threadId, string checkpointNs, string? checkpointId, bool async, CancellationToken cancellationToken)
    {
        var found = await MongoIo.FindAsync(_collections.Checkpoints, null, SaverQueries.Get(threadId, checkpointNs, checkpointId), async, cancellationToken, SaverQueries.NewestFirst, limit: 1).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return null;
        }

        var tuples = await ResolveAsync([SaverDocuments.ReadCheckpoint(found[0])], async, cancellationToken).ConfigureAwait(false);
        return tuples[0];
    }

    /// <summary>Loads the channel values and pending writes of some checkpoints (three queries at most, whatever their number).</summary>
    private async Task<List<CheckpointTuple>> ResolveAsync(List<StoredCheckpoint> checkpoints, bool async, CancellationToken cancellationToken)
    {
        if (checkpoints.Count == 0)
        {
            return [];
        }

        var blobs = (await MongoIo.FindAsync(_collections.Blobs, null, SaverQueries.BlobsOf(checkpoints), async, cancellationToken).ConfigureAwait(false))
            .Select(SaverDocuments.ReadBlob)
            .ToList();
        var writes = (await MongoIo.FindAsync(_collections.Writes, null, SaverQueries.WritesOf(checkpoints.Select(c => (c.ThreadId, c.CheckpointNs, c.CheckpointId))), async, cancellationToken).ConfigureAwait(false))
            .Select(SaverDocuments.ReadWrite)
            .ToList();
        var sets = blobs.Select(b => (b.ThreadId, Set: ValueChunker.GetChunkSet(b.Value)))
            .Concat(writes.Select(w => (w.ThreadId, Set: ValueChunker.GetChunkSet(w.Value))))
            .Where(s => s.Set is not null)
            .Select(s => (s.ThreadId, s.Set!.Value))
            .ToList();
        var chunks = sets.Count == 0
            ? []
            : ValueChunker.GroupChunks(await MongoIo.FindAsync(_collections.Chunks, null, SaverQueries.ChunksOf(sets), async, cancellationToken, SaverQueries.ChunkOrder).ConfigureAwait(false));

        var blobsByKey = blobs.ToLookup(b => (b.ThreadId, b.CheckpointNs));
        var writesByKey = writes.ToLookup(w => (w.ThreadId, w.CheckpointNs, w.CheckpointId));
        var tuples = new List<CheckpointTuple>(checkpoints.Count);
        foreach (var stored in checkpoints)
        {
            var checkpoint = AssembleChannelValues(
                stored.ThreadId,
                stored.CheckpointNs,
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
