using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo.Internal;

/// <summary>
/// One code path for sync and async I/O: every method takes <c>async</c> and calls the driver's synchronous API when it
/// is <see langword="false"/>, so the returned task is already complete and the sync caller never blocks on async I/O.
/// The optional session is passed on when there is one.
/// </summary>
internal static class MongoIo
{
    public static async Task<List<BsonDocument>> FindAsync(
        bool async,
        IMongoCollection<BsonDocument> collection,
        IClientSessionHandle? session,
        FilterDefinition<BsonDocument> filter,
        CancellationToken cancellationToken,
        SortDefinition<BsonDocument>? sort = null,
        ProjectionDefinition<BsonDocument>? projection = null,
        int? limit = null)
    {
        var find = Find(collection, session, filter, sort, projection, limit, batchSize: null);
        return async ? await find.ToListAsync(cancellationToken).ConfigureAwait(false) : find.ToList(cancellationToken);
    }

    public static async Task<IAsyncCursor<BsonDocument>> OpenCursorAsync(
        bool async,
        IMongoCollection<BsonDocument> collection,
        IClientSessionHandle? session,
        FilterDefinition<BsonDocument> filter,
        SortDefinition<BsonDocument>? sort,
        int? limit,
        int? batchSize,
        CancellationToken cancellationToken)
    {
        var find = Find(collection, session, filter, sort, projection: null, limit, batchSize);
        return async ? await find.ToCursorAsync(cancellationToken).ConfigureAwait(false) : find.ToCursor(cancellationToken);
    }

    public static async Task<IAsyncCursor<BsonDocument>> AggregateAsync(
        bool async,
        IMongoCollection<BsonDocument> collection,
        PipelineDefinition<BsonDocument, BsonDocument> pipeline,
        CancellationToken cancellationToken) =>
        async
            ? await collection.AggregateAsync(pipeline, cancellationToken: cancellationToken).ConfigureAwait(false)
            : collection.Aggregate(pipeline, cancellationToken: cancellationToken);

    public static async Task<bool> MoveNextAsync(bool async, IAsyncCursor<BsonDocument> cursor, CancellationToken cancellationToken) =>
        async ? await cursor.MoveNextAsync(cancellationToken).ConfigureAwait(false) : cursor.MoveNext(cancellationToken);

    public static async Task<BulkWriteResult<BsonDocument>?> BulkWriteAsync(
        bool async,
        IMongoCollection<BsonDocument> collection,
        IClientSessionHandle? session,
        IReadOnlyList<WriteModel<BsonDocument>> requests,
        CancellationToken cancellationToken)
    {
        if (requests.Count == 0)
        {
            return null;
        }

        var options = new BulkWriteOptions { IsOrdered = true };
        return (session, async) switch
        {
            (null, true) => await collection.BulkWriteAsync(requests, options, cancellationToken).ConfigureAwait(false),
            (null, false) => collection.BulkWrite(requests, options, cancellationToken),
            (_, true) => await collection.BulkWriteAsync(session, requests, options, cancellationToken).ConfigureAwait(false),
            _ => collection.BulkWrite(session, requests, options, cancellationToken),
        };
    }

    public static async Task InsertManyAsync(
        bool async,
        IMongoCollection<BsonDocument> collection,
        IClientSessionHandle? session,
        IReadOnlyList<BsonDocument> documents,
        CancellationToken cancellationToken)
    {
        if (documents.Count == 0)
        {
            return;
        }

        var options = new InsertManyOptions { IsOrdered = true };
        switch (session, async)
        {
            case (null, true):
                await collection.InsertManyAsync(documents, options, cancellationToken).ConfigureAwait(false);
                break;
            case (null, false):
                collection.InsertMany(documents, options, cancellationToken);
                break;
            case (_, true):
                await collection.InsertManyAsync(session, documents, options, cancellationToken).ConfigureAwait(false);
                break;
            default:
                collection.InsertMany(session, documents, options, cancellationToken);
                break;
        }
    }

    public static async Task<long> DeleteManyAsync(
        bool async,
        IMongoCollection<BsonDocument> collection,
        IClientSessionHandle? session,
        FilterDefinition<BsonDocument> filter,
        CancellationToken cancellationToken)
    {
        var result = (session, async) switch
        {
            (null, true) => await collection.DeleteManyAsync(filter, cancellationToken).ConfigureAwait(false),
            (null, false) => collection.DeleteMany(filter, cancellationToken),
            (_, true) => await collection.DeleteManyAsync(session, filter, cancellationToken: cancellationToken).ConfigureAwait(false),
            _ => collection.DeleteMany(session, filter, cancellationToken: cancellationToken),
        };
        return result.DeletedCount;
    }

    public static async Task<BsonDocument> RunCommandAsync(bool async, IMongoDatabase database, BsonDocument command, CancellationToken cancellationToken) =>
        async
            ? await database.RunCommandAsync<BsonDocument>(command, cancellationToken: cancellationToken).ConfigureAwait(false)
            : database.RunCommand<BsonDocument>(command, cancellationToken: cancellationToken);

    public static async Task CreateIndexesAsync(bool async, IMongoCollection<BsonDocument> collection, IEnumerable<CreateIndexModel<BsonDocument>> indexes, CancellationToken cancellationToken)
    {
        if (async)
        {
            await collection.Indexes.CreateManyAsync(indexes, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            collection.Indexes.CreateMany(indexes, cancellationToken);
        }
    }

    private static IFindFluent<BsonDocument, BsonDocument> Find(
        IMongoCollection<BsonDocument> collection,
        IClientSessionHandle? session,
        FilterDefinition<BsonDocument> filter,
        SortDefinition<BsonDocument>? sort,
        ProjectionDefinition<BsonDocument>? projection,
        int? limit,
        int? batchSize)
    {
        var options = new FindOptions { BatchSize = batchSize };
        var find = session is null ? collection.Find(filter, options) : collection.Find(session, filter, options);
        if (sort is not null)
        {
            find = find.Sort(sort);
        }

        if (projection is not null)
        {
            find = find.Project<BsonDocument>(projection);
        }

        if (limit is not null)
        {
            find = find.Limit(limit);
        }

        return find;
    }
}
