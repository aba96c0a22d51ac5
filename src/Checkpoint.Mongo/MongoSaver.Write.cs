using Checkpoint.Mongo.Internal;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo;

/// <content>Writing: put and put writes.</content>
public sealed partial class MongoSaver
{
    /// <inheritdoc />
    protected override void PutCore(CheckpointPutRequest request) =>
        PutAsync(request, async: false, CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc />
    protected override Task PutCoreAsync(CheckpointPutRequest request, CancellationToken cancellationToken) =>
        PutAsync(request, async: true, cancellationToken);

    /// <inheritdoc />
    protected override void PutWritesCore(string threadId, string checkpointNs, string checkpointId, IReadOnlyList<SerializedWrite> writes) =>
        PutWritesAsync(threadId, checkpointNs, checkpointId, writes, async: false, CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc />
    protected override Task PutWritesCoreAsync(string threadId, string checkpointNs, string checkpointId, IReadOnlyList<SerializedWrite> writes, CancellationToken cancellationToken) =>
        PutWritesAsync(threadId, checkpointNs, checkpointId, writes, async: true, cancellationToken);

    private async Task PutAsync(CheckpointPutRequest request, bool async, CancellationToken cancellationToken)
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
            async session =>
            {
                unused.Clear();

                // Chunks, then blobs, then the checkpoint document: the commit point comes last.
                await MongoIo.InsertManyAsync(_collections.Chunks, session, [.. blobs.SelectMany(b => b.Value.Chunks)], async, cancellationToken).ConfigureAwait(false);
                var result = await MongoIo.BulkWriteAsync(_collections.Blobs, session, blobRequests, async, cancellationToken).ConfigureAwait(false);
                unused.AddRange(UnusedChunkSets(result, blobs.Select(b => b.Value).ToList()));
                await MongoIo.BulkWriteAsync(_collections.Checkpoints, session, [checkpointRequest], async, cancellationToken).ConfigureAwait(false);
            },
            async,
            cancellationToken).ConfigureAwait(false);
        await RemoveUnusedChunksAsync(request.ThreadId, unused, async, cancellationToken).ConfigureAwait(false);
    }

    private async Task PutWritesAsync(string threadId, string checkpointNs, string checkpointId, IReadOnlyList<SerializedWrite> writes, bool async, CancellationToken cancellationToken)
    {
        var now = Now();
        var encoded = writes.Select(w => (Write: w, Value: _chunker.Encode(threadId, w.Value, now))).ToList();
        var requests = encoded
            .Select(e => (WriteModel<BsonDocument>)new UpdateOneModel<BsonDocument>(
                SaverDocuments.WriteKey(threadId, checkpointNs, checkpointId, e.Write.TaskId, e.Write.Index),
                SaverDocuments.WriteUpsert(e.Write, e.Value, now)) { IsUpsert = true })
            .ToList();

        var unused = new List<ObjectId>();
        await _transactions.RunAsync(
            async session =>
            {
                unused.Clear();
                await MongoIo.InsertManyAsync(_collections.Chunks, session, [.. encoded.SelectMany(e => e.Value.Chunks)], async, cancellationToken).ConfigureAwait(false);
                var result = await MongoIo.BulkWriteAsync(_collections.Writes, session, requests, async, cancellationToken).ConfigureAwait(false);

                // A regular write that already existed kept its old value, so the chunks written for it are unused.
                unused.AddRange(UnusedChunkSets(result, [.. encoded.Select(e => e.Write.IsUpsert ? null : e.Value)]));
            },
            async,
            cancellationToken).ConfigureAwait(false);
        await RemoveUnusedChunksAsync(threadId, unused, async, cancellationToken).ConfigureAwait(false);
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

    private async Task RemoveUnusedChunksAsync(string threadId, List<ObjectId> sets, bool async, CancellationToken cancellationToken)
    {
        if (sets.Count > 0)
        {
            await MongoIo.DeleteManyAsync(_collections.Chunks, null, SaverQueries.ChunksOf(threadId, sets), async, cancellationToken).ConfigureAwait(false);
        }
    }
}
