using Checkpoint.Mongo.Internal;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo.Tests;

/// <summary>Renders the backend's definitions with the driver's own serializers, as they go on the wire.</summary>
internal static class Bson
{
    public static BsonDocument Render(FilterDefinition<BsonDocument> filter) => filter.Render(SaverQueries.RenderArgs);

    public static BsonDocument Render(UpdateDefinition<BsonDocument> update) => update.Render(SaverQueries.RenderArgs).AsBsonDocument;

    public static BsonDocument Render(SortDefinition<BsonDocument> sort) => sort.Render(SaverQueries.RenderArgs);

    public static BsonArray Render(PipelineDefinition<BsonDocument, BsonDocument> pipeline) =>
        new(pipeline.Render(new RenderArgs<BsonDocument>(MongoDB.Bson.Serialization.Serializers.BsonDocumentSerializer.Instance, MongoDB.Bson.Serialization.BsonSerializer.SerializerRegistry)).Documents);

    public static BsonDocument Parse(string json) => BsonDocument.Parse(json);

    /// <summary>
    /// Applies an upsert to an absent document the way the server does: equality fields of the filter, then
    /// <c>$setOnInsert</c>, then <c>$set</c> (for mapping round trips; the server itself is tested by the kit).
    /// </summary>
    public static BsonDocument Insert(FilterDefinition<BsonDocument> filter, UpdateDefinition<BsonDocument> update)
    {
        var document = new BsonDocument(Render(filter));
        var rendered = Render(update);
        foreach (var op in new[] { "$setOnInsert", "$set" })
        {
            if (rendered.TryGetValue(op, out var fields))
            {
                document.Merge(fields.AsBsonDocument, overwriteExistingElements: true);
            }
        }

        return document;
    }
}
