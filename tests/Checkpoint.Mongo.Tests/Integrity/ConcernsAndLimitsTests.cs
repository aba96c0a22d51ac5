using System.Text.Json.Nodes;
using Checkpoint.Mongo.Internal;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo.Tests.Integrity;

/// <summary>
/// Read and write concerns, the refusal of unacknowledged writes, the minimum server version and the checkpoint document
/// limit: decided before anything reaches a server (none listens on the address used).
/// </summary>
public sealed class ConcernsAndLimitsTests
{
    private const string Nowhere = "mongodb://127.0.0.1:9/appdb?serverSelectionTimeoutMS=300&connectTimeoutMS=300";

    [Fact]
    public void Every_collection_writes_with_majority_and_reads_majority_committed_data_whatever_the_client_says()
    {
        var database = Database("&w=1&readConcernLevel=local");
        using var saver = new MongoSaver(database);
        using var store = new MongoStore(database);
        var collections = new[]
        {
            saver.Collections.Checkpoints, saver.Collections.Blobs, saver.Collections.Writes, saver.Collections.Chunks, saver.Collections.Migrations,
            store.Collections.Items, store.Collections.Migrations,
        };

        Assert.All(collections, c =>
        {
            Assert.Equal(WriteConcern.WMajority, c.Settings.WriteConcern);
            Assert.Equal(ReadConcern.Majority, c.Settings.ReadConcern);
        });
    }

    [Fact]
    public void A_configured_acknowledged_write_concern_is_used()
    {
        using var saver = new MongoSaver(Database(), new MongoSaverOptions { WriteConcern = WriteConcern.W1 });
        using var clients = new MongoSaver(Database("&w=2"), new MongoSaverOptions { WriteConcern = null });

        Assert.Equal(WriteConcern.W1, saver.Collections.Checkpoints.Settings.WriteConcern);
        Assert.Equal(new WriteConcern(2), clients.Collections.Checkpoints.Settings.WriteConcern);
    }

    [Fact]
    public void An_unacknowledged_write_concern_is_refused_when_the_saver_or_store_is_created()
    {
        var saverError = Assert.Throws<ArgumentException>(() => new MongoSaver(Database(), new MongoSaverOptions { WriteConcern = WriteConcern.Unacknowledged }));
        var clientError = Assert.Throws<ArgumentException>(() => new MongoSaver(Database("&w=0"), new MongoSaverOptions { WriteConcern = null }));
        var storeError = Assert.Throws<ArgumentException>(() => new MongoStore(Database(), new MongoStoreOptions { WriteConcern = WriteConcern.Unacknowledged }));

        Assert.All(new[] { saverError, clientError, storeError }, e => Assert.Contains("w:0", e.Message, StringComparison.Ordinal));
        using var overridden = new MongoSaver(Database("&w=0"));
        Assert.Equal(WriteConcern.WMajority, overridden.Collections.Writes.Settings.WriteConcern);
    }

    [Theory]
    [InlineData("""{ "maxWireVersion": 9 }""", false)]
    [InlineData("""{ "maxWireVersion": 12, "setName": "rs0" }""", false)]
    [InlineData("""{ "ok": 1 }""", false)]
    [InlineData("""{ "maxWireVersion": 13 }""", true)]
    [InlineData("""{ "maxWireVersion": 25, "msg": "isdbgrid" }""", true)]
    public void Servers_older_than_mongodb_5_are_refused_naming_the_minimum(string hello, bool supported)
    {
        var error = Record.Exception(() => MongoServer.EnsureSupported(BsonDocument.Parse(hello)));

        if (supported)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Contains("MongoDB 5.0 or newer", Assert.IsType<NotSupportedException>(error).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Metadata_beyond_the_document_limit_is_refused_before_anything_is_sent()
    {
        using var saver = new MongoSaver(Database());
        var metadata = CheckpointMetadata.Create(CheckpointSource.Loop, 1);
        metadata["notes"] = new string('x', 17 * 1024 * 1024);

        var error = Assert.Throws<ArgumentException>(() => saver.Put(new RunConfig("t"), GraphCheckpoint.CreateEmpty(), metadata, new Dictionary<string, string>()));
        await Assert.ThrowsAsync<ArgumentException>(() => saver.PutAsync(new RunConfig("t"), GraphCheckpoint.CreateEmpty(), metadata, new Dictionary<string, string>(), TestContext.Current.CancellationToken));

        Assert.Contains("16 MiB", error.Message, StringComparison.Ordinal);
        Assert.Contains("metadata", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_just_under_the_limit_passes_validation_and_goes_to_the_server()
    {
        using var saver = new MongoSaver(Database());
        var metadata = CheckpointMetadata.Create(CheckpointSource.Loop, 1);
        metadata["notes"] = new string('x', 15 * 1024 * 1024);

        // Nothing listens: reaching the network is the proof that the size check let it through.
        await Assert.ThrowsAsync<TimeoutException>(() => saver.PutAsync(new RunConfig("t"), GraphCheckpoint.CreateEmpty(), metadata, new Dictionary<string, string>(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_filtered_listing_also_returns_checkpoints_whose_metadata_is_damaged_so_they_are_reported()
    {
        var filter = new Dictionary<string, JsonNode?> { ["source"] = "loop" };

        var (query, exact) = SaverQueries.List(new Providers.CheckpointListQuery("t1", null, null, filter, null, 10));

        Assert.True(exact);
        Assert.Equal(
            BsonDocument.Parse("""
                {
                  "thread_id": "t1",
                  "$or": [
                    { "metadata": { "$exists": true, "$not": { "$type": "object" } } },
                    { "metadata.source": { "$eq": "loop", "$not": { "$type": "array" } } }
                  ]
                }
                """),
            Bson.Render(query));
    }

    private static IMongoDatabase Database(string settings = "") => new MongoClient(Nowhere + settings).GetDatabase("appdb");
}
