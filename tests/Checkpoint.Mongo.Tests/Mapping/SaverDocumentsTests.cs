using System.Text.Json.Nodes;
using Checkpoint.Mongo.Internal;
using Checkpoint.Providers;
using MongoDB.Bson;

namespace Checkpoint.Mongo.Tests.Mapping;

public sealed class SaverDocumentsTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_checkpoint_upsert_replaces_content_and_metadata_and_writes_the_parent_only_on_insert()
    {
        var request = Request(parent: "1ef-parent");

        var update = Bson.Render(SaverDocuments.CheckpointUpsert(request, Now));

        Assert.Equal(
            new BsonDocument
            {
                {
                    "$set", new BsonDocument
                    {
                        {
                            "checkpoint", new BsonDocument
                            {
                                { "pending_sends", new BsonArray() },
                                { "v", 4 },
                                { "id", "1ef-child" },
                                { "ts", "2026-11-23T12:00:00.000000+00:00" },
                                { "channel_versions", new BsonDocument { { "messages", "00000000000000000000000000000002.1" }, { "a.b", "v" } } },
                                { "versions_seen", new BsonDocument("node", new BsonDocument("messages", "00000000000000000000000000000001.1")) },
                                { "updated_channels", new BsonArray { "messages" } },
                            }
                        },
                        { "metadata", new BsonDocument { { "source", "loop" }, { "step", 1 }, { "parents", new BsonDocument() }, { "run_id", "r1" }, { "score", 2.5 } } },
                        { "touched_at", Now },
                    }
                },
                { "$setOnInsert", new BsonDocument("parent_checkpoint_id", "1ef-parent") },
            },
            update);
        Assert.Equal(Bson.Parse("""{ "thread_id": "t", "checkpoint_ns": "child:1", "checkpoint_id": "1ef-child" }"""), Bson.Render(SaverDocuments.CheckpointKey("t", "child:1", "1ef-child")));
    }

    [Fact]
    public void A_checkpoint_document_reads_back_the_same_checkpoint_metadata_and_parent()
    {
        var request = Request(parent: null);
        var document = Bson.Insert(SaverDocuments.CheckpointKey(request.ThreadId, request.CheckpointNs, request.CheckpointId), SaverDocuments.CheckpointUpsert(request, Now));

        var stored = SaverDocuments.ReadCheckpoint(BsonDocument.Parse(document.ToJson()));

        Assert.Equal(("t", "child:1", "1ef-child"), (stored.ThreadId, stored.CheckpointNs, stored.CheckpointId));
        Assert.Null(stored.ParentCheckpointId);
        Assert.Equal(request.Metadata, stored.Metadata);
        Assert.True(JsonNode.DeepEquals(CheckpointJson.ToJsonObject(request.Checkpoint), CheckpointJson.ToJsonObject(stored.Checkpoint)));
    }

    [Fact]
    public void Metadata_with_a_nul_in_a_key_is_rejected_and_with_a_nul_in_a_value_is_kept()
    {
        var bad = Request(parent: null, metadata: new CheckpointMetadata(new JsonObject { ["k\0"] = 1 }));
        var good = Request(parent: null, metadata: new CheckpointMetadata(new JsonObject { ["k"] = "a\0b" }));

        Assert.Throws<ArgumentException>(() => SaverDocuments.CheckpointUpsert(bad, Now));
        Assert.Equal("a\0b", Bson.Render(SaverDocuments.CheckpointUpsert(good, Now))["$set"]["metadata"]["k"].AsString);
    }

    [Fact]
    public void A_blob_is_insert_if_absent_but_its_touch_time_always_moves()
    {
        var value = new ValueChunker(16).Encode("t", new SerializedValue("json:string", [34, 104, 34]), Now);

        Assert.Equal(
            new BsonDocument
            {
                { "$setOnInsert", new BsonDocument("value", new BsonDocument { { "type", "json:string" }, { "data", new BsonBinaryData([34, 104, 34]) } }) },
                { "$set", new BsonDocument("touched_at", Now) },
            },
            Bson.Render(SaverDocuments.BlobUpsert(value, Now)));
        Assert.Equal(Bson.Parse("""{ "thread_id": "t", "checkpoint_ns": "", "channel": "messages", "version": "v1" }"""), Bson.Render(SaverDocuments.BlobKey("t", "", "messages", "v1")));
    }

    [Fact]
    public void A_regular_write_is_insert_if_absent_and_a_special_write_replaces()
    {
        var value = new ValueChunker(16).Encode("t", new SerializedValue("null", []), Now);
        var content = new BsonDocument { { "channel", "__error__" }, { "task_path", "p" }, { "value", value.Document } };

        var regular = Bson.Render(SaverDocuments.WriteUpsert(new SerializedWrite("task", "p", 0, "__error__", SerializedValue.Empty), value, Now));
        var special = Bson.Render(SaverDocuments.WriteUpsert(new SerializedWrite("task", "p", -1, "__error__", SerializedValue.Empty), value, Now));

        Assert.Equal(new BsonDocument { { "$setOnInsert", content }, { "$set", new BsonDocument("touched_at", Now) } }, regular);
        Assert.Equal(new BsonDocument("$set", new BsonDocument(content).Add("touched_at", Now)), special);
        Assert.Equal(
            Bson.Parse("""{ "thread_id": "t", "checkpoint_ns": "", "checkpoint_id": "c", "task_id": "task", "idx": -1 }"""),
            Bson.Render(SaverDocuments.WriteKey("t", "", "c", "task", -1)));
    }

    [Fact]
    public void A_write_document_reads_back_its_key_path_and_value()
    {
        var value = new ValueChunker(16).Encode("t", new SerializedValue("json:string", [1]), Now);
        var write = new SerializedWrite("task", "a|b", 2, "out", new SerializedValue("json:string", [1]));
        var document = Bson.Insert(SaverDocuments.WriteKey("t", "ns", "c", "task", 2), SaverDocuments.WriteUpsert(write, value, Now));

        var stored = SaverDocuments.ReadWrite(document);

        Assert.Equal(new StoredWrite("t", "ns", "c", "task", "a|b", 2, "out", value.Document), stored);
    }

    [Fact]
    public void Copying_a_document_to_another_thread_drops_its_id_and_keeps_the_rest()
    {
        var document = new BsonDocument { { "_id", ObjectId.GenerateNewId() }, { "thread_id", "source" }, { "checkpoint_id", "c" }, { "set", ObjectId.Empty } };

        var copy = MongoSaver.CopyForThread(document, "target");

        Assert.Equal(new BsonDocument { { "thread_id", "target" }, { "checkpoint_id", "c" }, { "set", ObjectId.Empty } }, copy);
    }

    private static CheckpointPutRequest Request(string? parent, CheckpointMetadata? metadata = null)
    {
        var checkpoint = new GraphCheckpoint
        {
            Id = "1ef-child",
            Ts = "2026-11-23T12:00:00.000000+00:00",
            ChannelVersions = new(StringComparer.Ordinal) { ["messages"] = "00000000000000000000000000000002.1", ["a.b"] = "v" },
            VersionsSeen = new(StringComparer.Ordinal) { ["node"] = new(StringComparer.Ordinal) { ["messages"] = "00000000000000000000000000000001.1" } },
            UpdatedChannels = ["messages"],
            AdditionalFields = new JsonObject { ["pending_sends"] = new JsonArray() },
        };
        metadata ??= new CheckpointMetadata(JsonNode.Parse("""{"source": "loop", "step": 1, "parents": {}, "run_id": "r1", "score": 2.5}""")!.AsObject());
        return new CheckpointPutRequest("t", "child:1", checkpoint.Id, parent, checkpoint, metadata, CheckpointJson.Serialize(checkpoint), metadata.ToJsonString(), []);
    }
}
