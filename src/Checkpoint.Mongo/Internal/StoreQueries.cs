using Checkpoint.Providers;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo.Internal;

/// <summary>The filters, sorts and pipelines of the store, built where tests can render them without a server.</summary>
internal static class StoreQueries
{
    /// <summary>Gets the order of a search without a query: newest update first, then namespace path and key.</summary>
    public static SortDefinition<BsonDocument> RecentFirst { get; } =
        new BsonDocument { { Fields.UpdatedAt, -1 }, { Fields.NamespacePath, 1 }, { Fields.Key, 1 } };

    /// <summary>The key of one item.</summary>
    public static BsonDocument ItemKey(StoreNamespace @namespace, string key) =>
        new() { { Fields.NamespacePath, @namespace.Path }, { Fields.Key, key } };

    /// <summary>One item, unless it has expired.</summary>
    public static FilterDefinition<BsonDocument> Get(StoreNamespace @namespace, string key, DateTime now) =>
        IsAddressable(@namespace) ? ItemKey(@namespace, key).AddRange(Alive(now)) : SaverQueries.Nothing;

    /// <summary>
    /// Returns whether a namespace read can match stored items by path: a label containing <c>.</c> never does (writes
    /// reject it), and its path would be read as more labels (<c>("a.b")</c> as <c>("a", "b")</c>).
    /// </summary>
    public static bool IsAddressable(StoreNamespace @namespace) => !@namespace.Any(label => label.Contains(StoreNamespace.Separator, StringComparison.Ordinal));

    /// <summary>Items that have not expired: no expiry, or an expiry after <paramref name="now"/>.</summary>
    public static BsonDocument Alive(DateTime now) =>
        new(Fields.ExpiresAt, new BsonDocument("$not", new BsonDocument("$lte", now)));

    /// <summary>Items that have expired.</summary>
    public static FilterDefinition<BsonDocument> Expired(DateTime now) =>
        new BsonDocument(Fields.ExpiresAt, new BsonDocument("$lte", now));

    /// <summary>
    /// Items whose namespace starts with <paramref name="prefix"/>: the path itself, or paths in
    /// [<c>prefix.</c>, <c>prefix/</c>) — <c>/</c> follows <c>.</c>, so that range holds exactly the paths that continue
    /// the prefix with a separator, and an index on the path serves it.
    /// </summary>
    public static BsonDocument NamespacePrefix(StoreNamespace prefix)
    {
        if (prefix.IsEmpty)
        {
            return [];
        }

        if (!IsAddressable(prefix))
        {
            return SaverQueries.Nothing.Render(SaverQueries.RenderArgs);
        }

        var path = prefix.Path;
        return new BsonDocument("$or", new BsonArray
        {
            new BsonDocument(Fields.NamespacePath, path),
            new BsonDocument(Fields.NamespacePath, new BsonDocument { { "$gte", path + StoreNamespace.Separator }, { "$lt", path + NamespaceWalk.AfterSeparator } }),
        });
    }

    /// <summary>Matches an item whose value is not a document: damaged, since puts only write objects.</summary>
    public static BsonDocument DamagedValue => new(Fields.Value, new BsonDocument("$not", new BsonDocument("$type", "object")));

    /// <summary>The filter of a search, and whether it is exact (else the filter is also checked in process).</summary>
    public static (FilterDefinition<BsonDocument> Filter, bool IsExact) Search(SearchOperation search, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(search);
        var filter = Alive(now);
        var prefix = NamespacePrefix(search.NamespacePrefix);
        var (clauses, exact) = StoreFilterTranslator.Translate(StoreFilter.Parse(search.Filter));
        var and = new BsonArray();
        if (prefix.ElementCount > 0)
        {
            and.Add(prefix);
        }

        if (clauses.Count > 0)
        {
            // A value that is not a document (changed outside the library) passes every filter, so the store reads it
            // and reports it rather than the search leaving it out.
            and.Add(new BsonDocument("$or", new BsonArray { DamagedValue, new BsonDocument("$and", new BsonArray(clauses)) }));
        }

        if (and.Count > 0)
        {
            filter.Add("$and", and);
        }

        return (filter, exact);
    }

    /// <summary>
    /// The distinct namespace paths of stored items (live or not) under the labels a prefix condition fixes before its
    /// first wildcard, in path order: a range on the path alone, sorted and grouped by the path, so the server can answer
    /// from the <c>ns_path_key</c> index one key per namespace (a distinct scan) without reading items. The range also
    /// holds paths such as <c>a-b</c> next to <c>a</c>; the listing's conditions, applied in process, drop them.
    /// </summary>
    public static PipelineDefinition<BsonDocument, BsonDocument> NamespacePaths(ListNamespacesOperation list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return DistinctPaths(PathRange(list), sorted: true);
    }

    /// <summary>The distinct namespace paths (in the listing's range) holding an item that has expired but is not yet purged, found through the expiry index.</summary>
    public static PipelineDefinition<BsonDocument, BsonDocument> ExpiredNamespacePaths(ListNamespacesOperation list, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(list);
        return DistinctPaths(PathRange(list).AddRange(Expired(now).Render(SaverQueries.RenderArgs)));
    }

    /// <summary>Which of <paramref name="paths"/> hold a live item.</summary>
    public static PipelineDefinition<BsonDocument, BsonDocument> LiveNamespacePaths(IEnumerable<string> paths, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return DistinctPaths(new BsonDocument(Fields.NamespacePath, new BsonDocument("$in", new BsonArray(paths))).AddRange(Alive(now)));
    }

    // The namespace aggregates differ only in their match, and in whether the paths come sorted: one document per path.
    private static PipelineDefinition<BsonDocument, BsonDocument> DistinctPaths(BsonDocument match, bool sorted = false)
    {
        var group = new BsonDocument("$group", new BsonDocument(Fields.Id, "$" + Fields.NamespacePath));
        BsonDocument[] stages = sorted
            ? [new BsonDocument("$match", match), new BsonDocument("$sort", new BsonDocument(Fields.NamespacePath, 1)), group]
            : [new BsonDocument("$match", match), group];
        return PipelineDefinition<BsonDocument, BsonDocument>.Create(stages);
    }

    private static BsonDocument PathRange(ListNamespacesOperation list)
    {
        var fixedPrefix = NamespaceWalk.FixedPrefix(list);
        return fixedPrefix.IsEmpty
            ? []
            : new BsonDocument(Fields.NamespacePath, new BsonDocument { { "$gte", fixedPrefix.Path }, { "$lt", fixedPrefix.Path + NamespaceWalk.AfterSeparator } });
    }

    /// <summary>
    /// The two requests of a put, in order: remove the item if it has expired (so it is created afresh, with a new
    /// creation time), then upsert it keeping <c>created_at</c> of a live item.
    /// </summary>
    public static IReadOnlyList<WriteModel<BsonDocument>> Put(PutOperation put, BsonDocument value, IReadOnlyList<FieldEmbedding> embeddings, TimeSpan? ttl, DateTime now, DateTime? purgeAt)
    {
        ArgumentNullException.ThrowIfNull(put);
        var key = ItemKey(put.Namespace, put.Key);
        var expiresAt = ttl is { } t ? now + t : (DateTime?)null;
        var set = new BsonDocument
        {
            { Fields.Namespace, new BsonArray(put.Namespace) },
            { Fields.Value, value },
            { Fields.UpdatedAt, now },
            { Fields.TtlMilliseconds, ttl is { } span ? (long)span.TotalMilliseconds : BsonNull.Value },
            { Fields.ExpiresAt, expiresAt is { } e ? e : BsonNull.Value },
            { Fields.PurgeAt, purgeAt is { } p ? p : BsonNull.Value },
            { Fields.Embeddings, new BsonArray(embeddings.Select(f => new BsonDocument { { Fields.Field, f.Field }, { Fields.Vector, new BsonBinaryData(VectorMath.ToBytes(f.Vector)) } })) },
        };
        var update = new BsonDocument { { "$set", set }, { "$setOnInsert", new BsonDocument(Fields.CreatedAt, now) } };
        return
        [
            new DeleteOneModel<BsonDocument>(new BsonDocument(key).AddRange(Expired(now).Render(SaverQueries.RenderArgs))),
            new UpdateOneModel<BsonDocument>(key, update) { IsUpsert = true },
        ];
    }

    /// <summary>
    /// The date MongoDB's TTL index may delete an item expiring at <paramref name="expiresAt"/>: the expiry plus the
    /// grace period, and only under the system clock (the TTL monitor runs on the server's clock, so under any other
    /// clock it could delete items the store still considers alive); <see langword="null"/> otherwise.
    /// </summary>
    public static DateTime? PurgeAt(DateTime? expiresAt, TimeSpan? grace, TimeProvider timeProvider) =>
        expiresAt is { } expiry && grace is { } g && ReferenceEquals(timeProvider, TimeProvider.System) ? expiry + g : null;

    /// <summary>The request of a delete.</summary>
    public static WriteModel<BsonDocument> Delete(StoreNamespace @namespace, string key) => new DeleteOneModel<BsonDocument>(ItemKey(@namespace, key));

    /// <summary>The request that restarts an item's time to live.</summary>
    public static WriteModel<BsonDocument> Refresh(BsonValue id, DateTime expiresAt, DateTime? purgeAt) =>
        new UpdateOneModel<BsonDocument>(
            new BsonDocument(Fields.Id, id),
            new BsonDocument("$set", new BsonDocument { { Fields.ExpiresAt, expiresAt }, { Fields.PurgeAt, purgeAt is { } p ? p : BsonNull.Value } }));
}
