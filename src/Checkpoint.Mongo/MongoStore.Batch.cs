using Checkpoint.Mongo.Internal;
using Checkpoint.Providers;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo;

/// <content>The batch: puts grouped into bulk writes, reads in order.</content>
public sealed partial class MongoStore
{
    /// <inheritdoc />
    protected override async Task<IReadOnlyList<object?>> BatchCore(bool async, StoreBatchRequest request, CancellationToken cancellationToken)
    {
        var operations = request.Operations;
        var now = GetNow().UtcDateTime;

        // Every put is converted before anything is written: a value MongoDB cannot hold rejects the whole batch.
        var writes = new Dictionary<PutOperation, IReadOnlyList<WriteModel<BsonDocument>>>(ReferenceEqualityComparer.Instance);
        foreach (var put in operations.OfType<PutOperation>())
        {
            writes[put] = ToWrites(put, request.EmbeddingsOf(put), now);
        }

        var results = new List<object?>(operations.Count);
        var pending = new List<WriteModel<BsonDocument>>();
        foreach (var operation in operations)
        {
            if (operation is PutOperation put)
            {
                pending.AddRange(writes[put]);
                results.Add(null);
                continue;
            }

            // Consecutive puts go in one ordered bulk write, flushed before any read so the read sees them.
            await MongoIo.BulkWriteAsync(async, _collections.Items, null, pending, cancellationToken).ConfigureAwait(false);
            pending.Clear();
            results.Add(operation switch
            {
                GetOperation get => await GetAsync(async, get, now, cancellationToken).ConfigureAwait(false),
                SearchOperation search => await SearchAsync(async, search, request.QueryEmbeddingOf(search), now, cancellationToken).ConfigureAwait(false),
                ListNamespacesOperation list => await ListNamespacesAsync(async, list, now, cancellationToken).ConfigureAwait(false),
                _ => throw new InvalidOperationException($"Unexpected operation {operation.GetType().Name}."),
            });
        }

        await MongoIo.BulkWriteAsync(async, _collections.Items, null, pending, cancellationToken).ConfigureAwait(false);
        return results;
    }

    private IReadOnlyList<WriteModel<BsonDocument>> ToWrites(PutOperation put, IReadOnlyList<FieldEmbedding> embeddings, DateTime now)
    {
        if (put.Value is null)
        {
            return [StoreQueries.Delete(put.Namespace, put.Key)];
        }

        var ttl = ResolveTtl(put);
        return StoreQueries.Put(put, JsonBson.ToDocument(put.Value, "store value"), embeddings, ttl, now, PurgeAt(ttl is { } t ? now + t : null));
    }

    private async Task<Item?> GetAsync(bool async, GetOperation get, DateTime now, CancellationToken cancellationToken)
    {
        var found = await MongoIo.FindAsync(async, _collections.Items, null, StoreQueries.Get(get.Namespace, get.Key, now), cancellationToken, limit: 1).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return null;
        }

        var item = ReadItem(found[0]);
        await RefreshAsync(async, found, get.RefreshTtl, now, cancellationToken).ConfigureAwait(false);
        return new Item(item.Namespace, item.Key, item.Value, item.CreatedAt, item.UpdatedAt);
    }

    private async Task<List<SearchItem>> SearchAsync(bool async, SearchOperation search, float[]? query, DateTime now, CancellationToken cancellationToken)
    {
        if (search.Limit == 0)
        {
            return [];
        }

        var (filter, exact) = StoreQueries.Search(search, now);
        var conditions = StoreFilter.Parse(search.Filter);
        List<(BsonDocument Document, SearchItem Item, CorruptItemException? Damage)> page;
        if (query is null)
        {
            // Without a query the server orders; with an exact filter it also pages.
            var candidates = new List<(BsonDocument, SearchItem, CorruptItemException?)>();
            using var cursor = await MongoIo.OpenCursorAsync(
                async,
                _collections.Items, null, filter, StoreQueries.RecentFirst, exact ? search.Offset + search.Limit : null, batchSize: Math.Min(search.Offset + search.Limit, 1000), cancellationToken).ConfigureAwait(false);
            var skipped = 0;
            while (candidates.Count < search.Limit && await MongoIo.MoveNextAsync(async, cursor, cancellationToken).ConfigureAwait(false))
            {
                foreach (var document in cursor.Current)
                {
                    var (item, damage) = ReadCandidate(document, null);
                    if (!exact && damage is null && !StoreFilter.Matches(item.Value, conditions))
                    {
                        continue;
                    }

                    if (skipped++ < search.Offset)
                    {
                        continue;
                    }

                    candidates.Add((document, item, damage));
                    if (candidates.Count == search.Limit)
                    {
                        break;
                    }
                }
            }

            page = candidates;
        }
        else
        {
            // Semantic search in process: score every candidate, then order and page here.
            var documents = await MongoIo.FindAsync(async, _collections.Items, null, filter, cancellationToken).ConfigureAwait(false);
            page = StoreResultOrder.SearchPage(
                documents.Select(d =>
                    {
                        var (item, damage) = ReadCandidate(d, Score(query, d));
                        return (Document: d, Item: item, Damage: damage);
                    })
                    .Where(c => exact || c.Damage is not null || StoreFilter.Matches(c.Item.Value, conditions)),
                c => c.Item,
                search);
        }

        ThrowIfDamaged(page, c => c.Damage);

        await RefreshAsync(async, [.. page.Select(p => p.Document)], search.RefreshTtl, now, cancellationToken).ConfigureAwait(false);
        return [.. page.Select(p => p.Item)];
    }

    private static SearchItem ReadItem(BsonDocument document) =>
        StoreDocuments.ReadItem(document, (ns, key) => ReadStoredDocument(ns, key, () => StoreDocuments.ReadValue(document)));

    // A search candidate: a damaged value passes every filter and is thrown only if the item lands in the page.
    private static (SearchItem Item, CorruptItemException? Damage) ReadCandidate(BsonDocument document, double? score)
    {
        CorruptItemException? damage = null;
        var item = StoreDocuments.ReadItem(document, (ns, key) => ReadCandidateDocument(ns, key, () => StoreDocuments.ReadValue(document), out damage), score);
        return (item, damage);
    }

    private static double? Score(float[] query, BsonDocument document)
    {
        var vectors = StoreDocuments.ReadVectors(document);
        return vectors.Count == 0 ? null : vectors.Max(v => VectorMath.CosineSimilarity(query, v));
    }

    /// <summary>
    /// Lists namespaces from the path index rather than the items: every namespace holding an item (a distinct scan),
    /// less those whose items have all expired but are not purged yet, which only namespaces holding an expired item
    /// (found through the expiry index) can be. Conditions, depth, order and page are applied in process.
    /// </summary>
    private async Task<List<StoreNamespace>> ListNamespacesAsync(bool async, ListNamespacesOperation list, DateTime now, CancellationToken cancellationToken)
    {
        var paths = await ReadPathsAsync(async, StoreQueries.NamespacePaths(list), cancellationToken).ConfigureAwait(false);
        var expired = await ReadPathsAsync(async, StoreQueries.ExpiredNamespacePaths(list, now), cancellationToken).ConfigureAwait(false);
        if (expired.Count > 0)
        {
            var live = (await ReadPathsAsync(async, StoreQueries.LiveNamespacePaths(expired, now), cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
            var dead = expired.Where(p => !live.Contains(p)).ToHashSet(StringComparer.Ordinal);
            paths.RemoveAll(dead.Contains);
        }

        return StoreResultOrder.NamespacePage(paths.Select(StoreNamespace.FromPath), list);
    }

    private async Task<List<string>> ReadPathsAsync(bool async, PipelineDefinition<BsonDocument, BsonDocument> pipeline, CancellationToken cancellationToken)
    {
        var paths = new List<string>();
        using var cursor = await MongoIo.AggregateAsync(async, _collections.Items, pipeline, cancellationToken).ConfigureAwait(false);
        while (await MongoIo.MoveNextAsync(async, cursor, cancellationToken).ConfigureAwait(false))
        {
            paths.AddRange(cursor.Current.Select(d => d[Fields.Id].AsString));
        }

        return paths;
    }

    private async Task RefreshAsync(bool async, IReadOnlyList<BsonDocument> documents, bool? refreshTtl, DateTime now, CancellationToken cancellationToken)
    {
        if (!ResolveRefreshTtl(refreshTtl))
        {
            return;
        }

        var requests = documents
            .Select(d => (Document: d, Ttl: StoreDocuments.ReadTtl(d)))
            .Where(d => d.Ttl is not null)
            .Select(d => StoreQueries.Refresh(d.Document[Fields.Id], now + d.Ttl!.Value, PurgeAt(now + d.Ttl!.Value)))
            .ToList();
        await MongoIo.BulkWriteAsync(async, _collections.Items, null, requests, cancellationToken).ConfigureAwait(false);
    }
}
