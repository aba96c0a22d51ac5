using System.Text.Json.Nodes;
using Checkpoint.Mongo.Internal;
using Checkpoint.Providers;
using MongoDB.Bson;

namespace Checkpoint.Mongo.Tests.Queries;

public sealed class SaverQueriesTests
{
    private static readonly IReadOnlyDictionary<string, JsonNode?> NoFilter = new Dictionary<string, JsonNode?>();

    [Fact]
    public void List_of_a_thread_namespace_and_before_bound_renders_one_exact_query()
    {
        var (filter, exact) = SaverQueries.List(new CheckpointListQuery("t1", "", null, NoFilter, "1ef-b", 5));

        Assert.True(exact);
        Assert.Equal(Bson.Parse("""{ "thread_id": "t1", "checkpoint_ns": "", "checkpoint_id": { "$lt": "1ef-b" } }"""), Bson.Render(filter));
    }

    [Fact]
    public void List_of_every_thread_and_namespace_filters_nothing_but_the_id()
    {
        var (filter, _) = SaverQueries.List(new CheckpointListQuery(null, null, "1ef-a", NoFilter, "1ef-b", null));

        Assert.Equal(Bson.Parse("""{ "checkpoint_id": { "$eq": "1ef-a", "$lt": "1ef-b" } }"""), Bson.Render(filter));
    }

    [Fact]
    public void List_orders_by_checkpoint_id_descending_then_thread_then_namespace()
    {
        Assert.Equal(Bson.Parse("""{ "checkpoint_id": -1, "thread_id": 1, "checkpoint_ns": 1 }"""), Bson.Render(SaverQueries.ListSort));
    }

    [Fact]
    public void A_scalar_metadata_filter_is_exact_and_excludes_arrays_that_merely_contain_the_value()
    {
        var filter = new Dictionary<string, JsonNode?> { ["source"] = "loop", ["step"] = 1, ["done"] = false };

        var (query, exact) = MetadataFilter.Translate(filter);

        Assert.True(exact);
        Assert.Equal(
            Bson.Parse("""
                {
                  "metadata.done": { "$eq": false, "$not": { "$type": "array" } },
                  "metadata.source": { "$eq": "loop", "$not": { "$type": "array" } },
                  "metadata.step": { "$eq": 1, "$not": { "$type": "array" } }
                }
                """),
            query);
    }

    [Fact]
    public void A_null_metadata_filter_requires_the_key_to_be_present()
    {
        var (query, exact) = MetadataFilter.Translate(new Dictionary<string, JsonNode?> { ["parent"] = null });

        Assert.True(exact);
        Assert.Equal(Bson.Parse("""{ "metadata.parent": { "$eq": null, "$exists": true, "$not": { "$type": "array" } } }"""), query);
    }

    [Fact]
    public void An_object_or_array_metadata_filter_only_requires_the_key_and_is_finished_in_process()
    {
        var filter = new Dictionary<string, JsonNode?> { ["parents"] = new JsonObject { ["a"] = "1" }, ["tags"] = new JsonArray("x") };

        var (query, exact) = MetadataFilter.Translate(filter);

        Assert.False(exact);
        Assert.Equal(Bson.Parse("""{ "metadata.parents": { "$exists": true }, "metadata.tags": { "$exists": true } }"""), query);
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("$where")]
    public void A_metadata_key_mongodb_cannot_address_by_path_is_not_pushed_down(string key)
    {
        var (query, exact) = MetadataFilter.Translate(new Dictionary<string, JsonNode?> { [key] = 1 });

        Assert.False(exact);
        Assert.Empty(query);
    }

    [Fact]
    public void Delete_for_runs_matches_string_run_ids_only()
    {
        Assert.Equal(
            Bson.Parse("""{ "metadata.run_id": { "$in": ["r1", "r2"], "$not": { "$type": "array" } } }"""),
            Bson.Render(SaverQueries.Runs(["r1", "r2"])));
    }

    [Fact]
    public void Get_without_id_filters_the_namespace_and_reads_the_newest_first()
    {
        Assert.Equal(Bson.Parse("""{ "thread_id": "t", "checkpoint_ns": "" }"""), Bson.Render(SaverQueries.Get("t", "", null)));
        Assert.Equal(Bson.Parse("""{ "thread_id": "t", "checkpoint_ns": "", "checkpoint_id": "c" }"""), Bson.Render(SaverQueries.Get("t", "", "c")));
        Assert.Equal(Bson.Parse("""{ "checkpoint_id": -1 }"""), Bson.Render(SaverQueries.NewestFirst));
    }

    [Fact]
    public void Blobs_of_a_page_of_checkpoints_ask_once_for_each_distinct_channel_version()
    {
        var first = Stored("t", "", "c1", ("a", "v1"), ("b", "v1"));
        var second = Stored("t", "", "c2", ("a", "v2"), ("b", "v1"));

        var filter = Bson.Render(SaverQueries.BlobsOf([first, second]));

        Assert.Equal(
            Bson.Parse("""
                { "$or": [
                  { "thread_id": "t", "checkpoint_ns": "", "channel": "a", "version": "v1" },
                  { "thread_id": "t", "checkpoint_ns": "", "channel": "b", "version": "v1" },
                  { "thread_id": "t", "checkpoint_ns": "", "channel": "a", "version": "v2" } ] }
                """),
            filter);
    }

    [Fact]
    public void Blobs_of_checkpoints_without_channels_match_nothing()
    {
        Assert.Equal(Bson.Parse("""{ "_id": { "$in": [] } }"""), Bson.Render(SaverQueries.BlobsOf([Stored("t", "", "c1")])));
    }

    [Fact]
    public void Writes_of_checkpoints_group_their_ids_by_thread_and_namespace()
    {
        var filter = Bson.Render(SaverQueries.WritesOf([("t", "", "c1"), ("t", "", "c2"), ("t", "child", "c3")]));

        Assert.Equal(
            Bson.Parse("""
                { "$or": [
                  { "thread_id": "t", "checkpoint_ns": "", "checkpoint_id": { "$in": ["c1", "c2"] } },
                  { "thread_id": "t", "checkpoint_ns": "child", "checkpoint_id": { "$in": ["c3"] } } ] }
                """),
            filter);
    }

    [Fact]
    public void Thread_listing_groups_by_thread_with_its_largest_checkpoint_id_after_the_cursor()
    {
        var pipeline = Bson.Render(SaverQueries.ListThreads(new ThreadListOptions { After = "t1", Limit = 2 }));

        Assert.Equal(
            new BsonArray
            {
                Bson.Parse("""{ "$match": { "thread_id": { "$gt": "t1" } } }"""),
                Bson.Parse("""{ "$group": { "_id": "$thread_id", "latest": { "$max": "$checkpoint_id" } } }"""),
                Bson.Parse("""{ "$sort": { "_id": 1 } }"""),
                Bson.Parse("""{ "$limit": 2 }"""),
            },
            pipeline);
    }

    [Fact]
    public void Chunks_of_several_threads_are_asked_per_thread()
    {
        var a = ObjectId.GenerateNewId();
        var b = ObjectId.GenerateNewId();

        var filter = Bson.Render(SaverQueries.ChunksOf([("t1", a), ("t2", b), ("t1", a)]));

        Assert.Equal(
            new BsonDocument("$or", new BsonArray
            {
                new BsonDocument { { "thread_id", "t1" }, { "set", new BsonDocument("$in", new BsonArray { a }) } },
                new BsonDocument { { "thread_id", "t2" }, { "set", new BsonDocument("$in", new BsonArray { b }) } },
            }),
            filter);
    }

    [Fact]
    public void A_hello_reply_of_a_replica_set_or_mongos_means_transactions_and_a_standalone_does_not()
    {
        Assert.True(MongoServer.SupportsTransactions(Bson.Parse("""{ "isWritablePrimary": true, "setName": "rs0" }""")));
        Assert.True(MongoServer.SupportsTransactions(Bson.Parse("""{ "isWritablePrimary": true, "msg": "isdbgrid" }""")));
        Assert.False(MongoServer.SupportsTransactions(Bson.Parse("""{ "isWritablePrimary": true, "maxWireVersion": 21 }""")));
    }

    private static StoredCheckpoint Stored(string thread, string ns, string id, params (string Channel, string Version)[] versions)
    {
        var checkpoint = new GraphCheckpoint { Id = id };
        foreach (var (channel, version) in versions)
        {
            checkpoint.ChannelVersions[channel] = version;
        }

        return new StoredCheckpoint(thread, ns, id, null, checkpoint, new CheckpointMetadata());
    }
}
