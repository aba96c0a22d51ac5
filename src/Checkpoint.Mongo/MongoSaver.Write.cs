using Checkpoint.Mongo.Internal;
using Checkpoint.Providers;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo;

/// <content>Writing: put and put writes.</content>
public sealed partial class MongoSaver
{
    /// <inheritdoc />
    protected override async Task PutCore(bool async, CheckpointPutRequest request, CancellationToken cancellationToken)
    {
        // Everything that can fail on bad input (BSON conversion of checkpoint and metadata) happens before any I/O.
        var now = Now();
        var checkpointUpdate = SaverDocuments.CheckpointUpsert(request, now);
        var blobs = request.Blobs.Select(b => (Blob: b, Value: _chunker.Encode(request.ThreadId, b.Value, now))).ToList();
        var blobRequests = blobs
            .Select(b => (WriteModel<BsonDocument>)new UpdateOneModel<BsonDocument>(
                SaverDocuments.BlobKey(request.ThreadId, request.CheckpointNs, b.Blob.Channel, b.Blob.Version),
                SaverDocuments.BlobUpsert(b.Value, now)) { IsUpsert = true })
            .ToList();
        var checkpointRequest = new UpdateOneModel<BsonDocument>(SaverDocuments.CheckpointKey(request.ThreadId, request.CheckpointNs, request.CheckpointId), checkpointUpdate) { IsUpsert = true };

        var unused = new List<ObjectId>();
        await _transactions.RunAsync(
            async,
            async session =>
            {
                unused.Clear();

                // Chunks, then blobs, then the checkpoint document: the commit point comes last.
                await MongoIo.InsertManyAsync(async, _collections.Chunks, session, [.. blobs.SelectMany(b => b.Value.Chunks)], cancellationToken).ConfigureAwait(false);
                var result = await MongoIo.BulkWriteAsync(async, _collections.Blobs, session, blobRequests, cancellationToken).ConfigureAwait(false);
                unused.AddRange(UnusedChunkSets(result, blobs.Select(b => b.Value).ToList()));
                await MongoIo.BulkWriteAsync(async, _collections.Checkpoints, session, [checkpointRequest], cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        await RemoveUnusedChunksAsync(async, request.ThreadId, unused, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task PutWritesCore(bool async, CheckpointPutWritesRequest request, CancellationToken cancellationToken)
    {
        var (threadId, checkpointNs, checkpointId, writes) = (request.ThreadId, request.CheckpointNs, request.CheckpointId, request.Writes);
        var now = Now();
        var encoded = writes.Select(w => (Write: w, Value: _chunker.Encode(threadId, w.Value, now))).ToList();
        var requests = encoded
            .Select(e => (WriteModel<BsonDocument>)new UpdateOneModel<BsonDocument>(
                SaverDocuments.WriteKey(threadId, checkpointNs, checkpointId, e.Write.TaskId, e.Write.Index),
                SaverDocuments.WriteUpsert(e.Write, e.Value, now)) { IsUpsert = true })
            .ToList();

        var unused = new List<ObjectId>();
        await _transactions.RunAsync(
            async,
            async session =>
            {
                unused.Clear();
                await MongoIo.InsertManyAsync(async, _collections.Chunks, session, [.. encoded.SelectMany(e => e.Value.Chunks)], cancellationToken).ConfigureAwait(false);
                var result = await MongoIo.BulkWriteAsync(async, _collections.Writes, session, requests, cancellationToken).ConfigureAwait(false);

                // A regular write that already existed kept its old value, so the chunks written for it are unused.
                unused.AddRange(UnusedChunkSets(result, [.. encoded.Select(e => e.Write.IsUpsert ? null : e.Value)]));
            },
            cancellationToken).ConfigureAwait(false);
        await RemoveUnusedChunksAsync(async, threadId, unused, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The chunk sets of insert-if-absent requests that found their document already there.</summary>
    private static IEnumerable<ObjectId> UnusedChunkSets(BulkWriteResult<BsonDocument>? result, IReadOnlyList<EncodedValue?> values)
    {
        if (result is null || !values.Any(v => v?.IsChunked == true))
        {
            return [];
        }

        var inserted = result.Upserts.Select(u => u.Index).ToHashSet();
        return values
            .Select((value, index) => (value, index))
            .Where(p => p.value?.ChunkSet is not null && !inserted.Contains(p.index))
            .Select(p => p.value!.ChunkSet!.Value)
            .ToList();
    }

    private async Task RemoveUnusedChunksAsync(bool async, string threadId, List<ObjectId> sets, CancellationToken cancellationToken)
    {
        if (sets.Count > 0)
        {
            await MongoIo.DeleteManyAsync(async, _collections.Chunks, null, SaverQueries.ChunksOf(threadId, sets), cancellationToken).ConfigureAwait(false);
        }
    }
}
