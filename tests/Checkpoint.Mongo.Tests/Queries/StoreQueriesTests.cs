using System.Text.Json.Nodes;
using Checkpoint.Mongo.Internal;
using Checkpoint.Providers;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo.Tests.Queries;

public sealed class StoreQueriesTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, 123, DateTimeKind.Utc);

    [Fact]
    public void Scalar_equality_requires_no_array_anywhere_along_the_path()
    {
        var (clauses, exact) = Translate(new() { ["profile.age"] = 30 });

        Assert.True(exact);
        Assert.Equal(
            Bson.Parse("""{ "value.profile": { "$not": { "$type": "array" } }, "value.profile.age": { "$eq": 30, "$not": { "$type": "array" } } }"""),
            Assert.Single(clauses));
    }

    [Fact]
    public void Equality_with_null_requires_the_field_to_be_present()
    {
        var (clauses, exact) = Translate(new() { ["gone"] = null });

        Assert.True(exact);
        Assert.Equal(Bson.Parse("""{ "value.gone": { "$eq": null, "$exists": true, "$not": { "$type": "array" } } }"""), Assert.Single(clauses));
    }

    [Fact]
    public void Ne_with_a_scalar_is_the_negation_of_exact_equality_so_a_missing_field_matches()
    {
        var (clauses, exact) = Translate(new() { ["color"] = new JsonObject { ["$ne"] = "red" } });

        Assert.True(exact);
        Assert.Equal(Bson.Parse("""{ "$nor": [ { "value.color": { "$eq": "red", "$not": { "$type": "array" } } } ] }"""), Assert.Single(clauses));
    }

    [Fact]
    public void Ranges_on_numbers_are_exact_and_every_operator_is_its_own_clause()
    {
        var (clauses, exact) = Translate(new() { ["score"] = new JsonObject { ["$gte"] = 1.5, ["$lt"] = 10 } });

        Assert.True(exact);
        Assert.Equal(
            [
                Bson.Parse("""{ "value.score": { "$gte": 1.5, "$not": { "$type": "array" } } }"""),
                Bson.Parse("""{ "value.score": { "$lt": 10, "$not": { "$type": "array" } } }"""),
            ],
            clauses);
    }

    [Fact]
    public void A_string_range_at_or_above_U_D800_is_finished_in_process_because_byte_order_differs()
    {
        Assert.True(Translate(new() { ["name"] = new JsonObject { ["$gt"] = "zebra é" } }).IsExact);
        Assert.False(Translate(new() { ["name"] = new JsonObject { ["$gt"] = "\uFF01" } }).IsExact);
        Assert.False(Translate(new() { ["name"] = new JsonObject { ["$gt"] = "\U0001F600" } }).IsExact);
    }

    [Fact]
    public void Object_equality_only_requires_the_field_and_is_finished_in_process()
    {
        var (clauses, exact) = Translate(new() { ["tags"] = new JsonArray("a", "b") });

        Assert.False(exact);
        Assert.Equal(Bson.Parse("""{ "value.tags": { "$exists": true } }"""), Assert.Single(clauses));
    }

    [Fact]
    public void Ne_with_an_object_is_not_pushed_down()
    {
        var (clauses, exact) = Translate(new() { ["tags"] = new JsonObject { ["$ne"] = new JsonArray("a") } });

        Assert.False(exact);
        Assert.Empty(clauses);
    }

    [Fact]
    public void A_namespace_prefix_is_the_path_itself_or_the_range_of_paths_that_continue_it()
    {
        Assert.Equal(
            Bson.Parse("""{ "$or": [ { "ns_path": "memories.u1" }, { "ns_path": { "$gte": "memories.u1.", "$lt": "memories.u1/" } } ] }"""),
            StoreQueries.NamespacePrefix(["memories", "u1"]));
        Assert.Empty(StoreQueries.NamespacePrefix(StoreNamespace.Empty));
    }

    [Fact]
    public void A_read_with_a_dotted_label_matches_nothing_rather_than_the_path_it_spells()
    {
        Assert.Equal(Bson.Parse("""{ "_id": { "$in": [] } }"""), Bson.Render(StoreQueries.Get(["memories.u1"], "k", Now)));
        Assert.Equal(Bson.Parse("""{ "_id": { "$in": [] } }"""), StoreQueries.NamespacePrefix(["a.b"]));
    }

    [Fact]
    public void A_get_asks_for_the_key_and_a_live_item()
    {
        Assert.Equal(
            new BsonDocument { { "ns_path", "memories.u1" }, { "key", "k" }, { "expires_at", new BsonDocument("$not", new BsonDocument("$lte", Now)) } },
            Bson.Render(StoreQueries.Get(["memories", "u1"], "k", Now)));
    }

    [Fact]
    public void A_search_combines_liveness_prefix_and_filter_which_a_damaged_value_passes()
    {
        var search = new SearchOperation(["m"]) { Filter = new Dictionary<string, JsonNode?> { ["kind"] = "note" } };

        var (filter, exact) = StoreQueries.Search(search, Now);

        Assert.True(exact);
        Assert.Equal(
            new BsonDocument
            {
                { "expires_at", new BsonDocument("$not", new BsonDocument("$lte", Now)) },
                {
                    "$and", new BsonArray
                    {
                        Bson.Parse("""{ "$or": [ { "ns_path": "m" }, { "ns_path": { "$gte": "m.", "$lt": "m/" } } ] }"""),
                        Bson.Parse("""
                            { "$or": [
                                { "value": { "$not": { "$type": "object" } } },
                                { "$and": [ { "value.kind": { "$eq": "note", "$not": { "$type": "array" } } } ] } ] }
                            """),
                    }
                },
            },
            Bson.Render(filter));
        Assert.Equal(Bson.Parse("""{ "updated_at": -1, "ns_path": 1, "key": 1 }"""), Bson.Render(StoreQueries.RecentFirst));
    }

    [Fact]
    public void A_put_first_removes_an_expired_item_then_upserts_keeping_the_creation_time()
    {
        var put = new PutOperation(["m", "u"], "k", new JsonObject { ["a"] = 1 });
        var embeddings = new List<FieldEmbedding> { new("$", [1f, 0.5f]) };

        var requests = StoreQueries.Put(put, JsonBson.ToDocument(put.Value!, "store value"), embeddings, TimeSpan.FromSeconds(90), Now, purgeAt: null);

        var delete = Assert.IsType<DeleteOneModel<BsonDocument>>(requests[0]);
        Assert.Equal(new BsonDocument { { "ns_path", "m.u" }, { "key", "k" }, { "expires_at", new BsonDocument("$lte", Now) } }, Bson.Render(delete.Filter));
        var upsert = Assert.IsType<UpdateOneModel<BsonDocument>>(requests[1]);
        Assert.True(upsert.IsUpsert);
        Assert.Equal(new BsonDocument { { "ns_path", "m.u" }, { "key", "k" } }, Bson.Render(upsert.Filter));
        Assert.Equal(
            new BsonDocument
            {
                {
                    "$set", new BsonDocument
                    {
                        { "namespace", new BsonArray { "m", "u" } },
                        { "value", new BsonDocument("a", 1) },
                        { "updated_at", Now },
                        { "ttl_ms", 90_000L },
                        { "expires_at", Now.AddSeconds(90) },
                        { "purge_at", BsonNull.Value },
                        { "embeddings", new BsonArray { new BsonDocument { { "field", "$" }, { "vector", new BsonBinaryData(VectorMath.ToBytes([1f, 0.5f])) } } } },
                    }
                },
                { "$setOnInsert", new BsonDocument("created_at", Now) },
            },
            Bson.Render(upsert.Update));
    }

    [Fact]
    public void The_ttl_index_only_gets_dates_with_the_system_clock_and_only_after_the_grace_period()
    {
        var grace = TimeSpan.FromDays(1);

        Assert.Equal(Now + grace, StoreQueries.PurgeAt(Now, grace, TimeProvider.System));
        Assert.Null(StoreQueries.PurgeAt(Now, grace, new Microsoft.Extensions.Time.Testing.FakeTimeProvider()));
        Assert.Null(StoreQueries.PurgeAt(Now, null, TimeProvider.System));
        Assert.Null(StoreQueries.PurgeAt(null, grace, TimeProvider.System));
    }

    [Fact]
    public void Listing_namespaces_groups_the_paths_of_the_literal_prefix_range_in_path_order_reading_no_item_field()
    {
        var list = new ListNamespacesOperation { MatchConditions = [NamespaceMatch.Prefix("a", "*", "c"), NamespaceMatch.Suffix("z")] };

        var pipeline = Bson.Render(StoreQueries.NamespacePaths(list));

        // Only the path is matched, sorted and grouped: the shape the server answers with a distinct scan of ns_path_key.
        Assert.Equal(
            new BsonArray
            {
                Bson.Parse("""{ "$match": { "ns_path": { "$gte": "a", "$lt": "a/" } } }"""),
                Bson.Parse("""{ "$sort": { "ns_path": 1 } }"""),
                Bson.Parse("""{ "$group": { "_id": "$ns_path" } }"""),
            },
            pipeline);
        Assert.Equal(Bson.Parse("""{ "$match": { } }"""), Bson.Render(StoreQueries.NamespacePaths(new ListNamespacesOperation()))[0]);
    }

    [Fact]
    public void Listing_namespaces_checks_liveness_only_of_namespaces_holding_an_expired_item()
    {
        var list = new ListNamespacesOperation { MatchConditions = [NamespaceMatch.Prefix("a")] };

        Assert.Equal(
            new BsonArray
            {
                new BsonDocument("$match", new BsonDocument
                {
                    { "ns_path", Bson.Parse("""{ "$gte": "a", "$lt": "a/" }""") },
                    { "expires_at", new BsonDocument("$lte", Now) },
                }),
                Bson.Parse("""{ "$group": { "_id": "$ns_path" } }"""),
            },
            Bson.Render(StoreQueries.ExpiredNamespacePaths(list, Now)));
        Assert.Equal(
            new BsonArray
            {
                new BsonDocument("$match", new BsonDocument
                {
                    { "ns_path", Bson.Parse("""{ "$in": ["a.b", "a.c"] }""") },
                    { "expires_at", new BsonDocument("$not", new BsonDocument("$lte", Now)) },
                }),
                Bson.Parse("""{ "$group": { "_id": "$ns_path" } }"""),
            },
            Bson.Render(StoreQueries.LiveNamespacePaths(["a.b", "a.c"], Now)));
    }

    [Fact]
    public void The_sweep_deletes_items_whose_expiry_is_not_after_now()
    {
        Assert.Equal(new BsonDocument("expires_at", new BsonDocument("$lte", Now)), Bson.Render(StoreQueries.Expired(Now)));
    }

    private static (List<BsonDocument> Clauses, bool IsExact) Translate(Dictionary<string, JsonNode?> filter) =>
        StoreFilterTranslator.Translate(StoreFilter.Parse(filter));
}
