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
        using var session = await StartReadSessionAsync(async, cancellationToken).ConfigureAwait(false);
        var found = await MongoIo.FindAsync(async, _collections.Checkpoints, session, SaverQueries.Get(threadId, checkpointNs, checkpointId), cancellationToken, SaverQueries.NewestFirst, limit: 1).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return null;
        }

        var tuples = await ResolveAsync(async, session, [SaverDocuments.ReadCheckpoint(found[0])], cancellationToken).ConfigureAwait(false);
        return tuples[0];
    }

    /// <inheritdoc />
    protected override IEnumerable<CheckpointTuple> ListCore(CheckpointListQuery query)
    {
        var (filter, exact) = SaverQueries.List(query);
        using var session = StartReadSessionAsync(async: false, CancellationToken.None).GetAwaiter().GetResult();
        using var cursor = OpenListCursor(async: false, session, query, filter, exact, CancellationToken.None).GetAwaiter().GetResult();
        var remaining = query.Limit ?? int.MaxValue;
        while (remaining > 0 && cursor.MoveNext())
        {
            var page = Matching(cursor.Current, query, exact).Take(remaining).ToList();
            foreach (var tuple in ResolveAsync(async: false, session, page, CancellationToken.None).GetAwaiter().GetResult())
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
        using var session = await StartReadSessionAsync(async: true, cancellationToken).ConfigureAwait(false);
        using var cursor = await OpenListCursor(async: true, session, query, filter, exact, cancellationToken).ConfigureAwait(false);
        var remaining = query.Limit ?? int.MaxValue;
        while (remaining > 0 && await cursor.MoveNextAsync(cancellationToken).ConfigureAwait(false))
        {
            var page = Matching(cursor.Current, query, exact).Take(remaining).ToList();
            foreach (var tuple in await ResolveAsync(async: true, session, page, cancellationToken).ConfigureAwait(false))
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

    private Task<IAsyncCursor<BsonDocument>> OpenListCursor(bool async, IClientSessionHandle session, CheckpointListQuery query, FilterDefinition<BsonDocument> filter, bool exact, CancellationToken cancellationToken)
    {
        // An exact filter lets the server apply the limit; otherwise documents are checked here and the cursor is
        // read only as far as the caller enumerates.
        var batch = Math.Min(query.Limit ?? ListPageSize, ListPageSize);
        return MongoIo.OpenCursorAsync(async, _collections.Checkpoints, session, filter, SaverQueries.ListSort, exact ? query.Limit : null, batch, cancellationToken);
    }

    /// <summary>Loads the channel values and pending writes of some checkpoints (three queries at most, whatever their number).</summary>
    /// <summary>
    /// A causally consistent session for one read: the checkpoint documents and the values they name are read with
    /// read concern "majority", and every read after the first sees at least what the first saw, whichever member of a
    /// replica set serves it. Values are written (majority-acknowledged) before the checkpoint document that names them,
    /// so a checkpoint found is never assembled from a member that lacks its values.
    /// </summary>
    private async Task<IClientSessionHandle> StartReadSessionAsync(bool async, CancellationToken cancellationToken)
    {
        var options = new ClientSessionOptions { CausalConsistency = true };
        var client = Database.Client;
        return async ? await client.StartSessionAsync(options, cancellationToken).ConfigureAwait(false) : client.StartSession(options, cancellationToken);
    }

    private async Task<List<CheckpointTuple>> ResolveAsync(bool async, IClientSessionHandle session, List<StoredCheckpoint> checkpoints, CancellationToken cancellationToken)
    {
        if (checkpoints.Count == 0)
        {
            return [];
        }

        var blobs = new List<StoredBlob>();
        foreach (var batch in QueryBatches.Split(SaverQueries.BlobKeysOf(checkpoints), k => k.Channel.Length + k.Version.Length + k.ThreadId.Length + k.CheckpointNs.Length))
        {
            blobs.AddRange((await MongoIo.FindAsync(async, _collections.Blobs, session, SaverQueries.BlobsOf(batch), cancellationToken).ConfigureAwait(false)).Select(SaverDocuments.ReadBlob));
        }

        var writes = (await MongoIo.FindAsync(async, _collections.Writes, session, SaverQueries.WritesOf(checkpoints.Select(c => (c.ThreadId, c.CheckpointNs, c.CheckpointId))), cancellationToken).ConfigureAwait(false))
            .Select(SaverDocuments.ReadWrite)
            .ToList();
        var sets = blobs.Select(b => (b.ThreadId, Set: ValueChunker.GetChunkSet(b.Value)))
            .Concat(writes.Select(w => (w.ThreadId, Set: ValueChunker.GetChunkSet(w.Value))))
            .Where(s => s.Set is not null)
            .Select(s => (s.ThreadId, s.Set!.Value))
            .Distinct()
            .ToList();
        var chunkDocuments = new List<BsonDocument>();
        foreach (var batch in QueryBatches.Split(sets, s => s.ThreadId.Length + 12))
        {
            chunkDocuments.AddRange(await MongoIo.FindAsync(async, _collections.Chunks, session, SaverQueries.ChunksOf(batch), cancellationToken, SaverQueries.ChunkOrder).ConfigureAwait(false));
        }

        var chunks = ValueChunker.GroupChunks(chunkDocuments);
        var blobsByKey = blobs.ToLookup(b => (b.ThreadId, b.CheckpointNs));
        var writesByKey = writes.ToLookup(w => (w.ThreadId, w.CheckpointNs, w.CheckpointId));
        var tuples = new List<CheckpointTuple>(checkpoints.Count);
        foreach (var stored in checkpoints)
        {
            SerializedValue Decode(BsonDocument value) =>
                ReadStored(stored.ThreadId, stored.CheckpointNs, stored.CheckpointId, "value", () => ValueChunker.Decode(value, chunks));

            var checkpoint = AssembleChannelValues(
                stored.ThreadId,
                stored.CheckpointNs,
                stored.Checkpoint,
                blobsByKey[(stored.ThreadId, stored.CheckpointNs)]
                    .Where(b => stored.Checkpoint.ChannelVersions.TryGetValue(b.Channel, out var version) && string.Equals(version, b.Version, StringComparison.Ordinal))
                    .Select(b => new SerializedBlob(b.Channel, b.Version, Decode(b.Value))));
            var pending = writesByKey[(stored.ThreadId, stored.CheckpointNs, stored.CheckpointId)]
                .Select(w => new SerializedWrite(w.TaskId, w.TaskPath, w.Index, w.Channel, Decode(w.Value)));
            tuples.Add(CreateTuple(stored.ThreadId, stored.CheckpointNs, checkpoint, stored.Metadata, stored.ParentCheckpointId, pending));
        }

        return tuples;
    }
}
