using Checkpoint.Mongo.Internal;
using MongoDB.Bson;

namespace Checkpoint.Mongo.Tests.Mapping;

public sealed class ThreadGarbageTests
{
    private static readonly DateTime Cutoff = new(2026, 11, 23, 11, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Fresh = Cutoff.AddMinutes(30);
    private static readonly DateTime Stale = Cutoff.AddMinutes(-30);

    [Fact]
    public void A_blob_released_by_a_removed_checkpoint_goes_at_once_and_a_shared_one_stays()
    {
        var removed = Checkpoint("c1", ("a", "1"), ("b", "1"));
        var remaining = Checkpoint("c2", ("a", "2"), ("b", "1"));
        var blobs = new[] { Blob("a", "1", Fresh), Blob("b", "1", Fresh), Blob("a", "2", Fresh) };

        var dead = ThreadGarbage.DeadBlobs(blobs, [remaining], [removed], Cutoff);

        Assert.Equal(["1"], dead.Select(b => b["version"].AsString));
        Assert.Equal("a", Assert.Single(dead)["channel"].AsString);
    }

    [Fact]
    public void A_blob_no_checkpoint_ever_referred_to_goes_only_after_the_grace_period()
    {
        var blobs = new[] { Blob("x", "fresh-orphan", Fresh), Blob("x", "stale-orphan", Stale) };

        var dead = ThreadGarbage.DeadBlobs(blobs, [], [], Cutoff);

        Assert.Equal("stale-orphan", Assert.Single(dead)["version"].AsString);
    }

    [Fact]
    public void Blobs_are_matched_per_namespace()
    {
        var remaining = Checkpoint("c1", ("a", "1"));
        var childBlob = Blob("a", "1", Stale, ns: "child:1");

        Assert.Single(ThreadGarbage.DeadBlobs([childBlob], [remaining], [], Cutoff));
    }

    [Fact]
    public void Chunk_sets_of_dead_values_go_and_stale_unreferenced_ones_too_but_live_ones_stay()
    {
        var live = ObjectId.GenerateNewId();
        var deadValue = ObjectId.GenerateNewId();
        var staleOrphan = ObjectId.GenerateNewId();
        var freshOrphan = ObjectId.GenerateNewId();
        var chunks = new[] { Chunk(live, Stale), Chunk(deadValue, Fresh), Chunk(staleOrphan, Stale), Chunk(freshOrphan, Fresh) };

        var dead = ThreadGarbage.DeadChunkSets(chunks, [WithSet(live)], [WithSet(deadValue)], Cutoff);

        Assert.Equal(new HashSet<ObjectId> { deadValue, staleOrphan }, dead.ToHashSet());
    }

    [Fact]
    public void Keep_last_keeps_the_newest_of_every_namespace()
    {
        var all = new[] { Checkpoint("c1"), Checkpoint("c3"), Checkpoint("c2"), Checkpoint("c1", ns: "child:1") };

        var doomed = MongoSaver.ChoosePruned(all, PruneStrategy.KeepLast(2));

        Assert.Equal([("", "c1")], doomed.Select(d => (d["checkpoint_ns"].AsString, d["checkpoint_id"].AsString)));
    }

    [Fact]
    public void Older_than_removes_old_checkpoints_but_keeps_the_newest_and_unreadable_timestamps()
    {
        var cutoff = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var all = new[]
        {
            Checkpoint("c1", ts: "2025-01-01T00:00:00.000000+00:00"),
            Checkpoint("c2", ts: "not a time"),
            Checkpoint("c3", ts: "2025-06-01T00:00:00.000000+00:00"),
            Checkpoint("c4", ts: "2025-07-01T00:00:00.000000+00:00"),
        };

        var doomed = MongoSaver.ChoosePruned(all, PruneStrategy.OlderThan(cutoff));

        Assert.Equal(["c3", "c1"], doomed.Select(d => d["checkpoint_id"].AsString));
    }

    private static BsonDocument Checkpoint(string id, params (string Channel, string Version)[] versions) => Checkpoint(id, "", null, versions);

    private static BsonDocument Checkpoint(string id, string ns = "", string? ts = null, params (string Channel, string Version)[] versions) => new()
    {
        { "checkpoint_ns", ns },
        { "checkpoint_id", id },
        { "checkpoint", new BsonDocument { { "ts", ts ?? "2026-11-23T12:00:00.000000+00:00" }, { "channel_versions", new BsonDocument(versions.Select(v => new BsonElement(v.Channel, v.Version))) } } },
    };

    private static BsonDocument Blob(string channel, string version, DateTime touched, string ns = "") => new()
    {
        { "_id", ObjectId.GenerateNewId() },
        { "checkpoint_ns", ns },
        { "channel", channel },
        { "version", version },
        { "touched_at", touched },
    };

    private static BsonDocument Chunk(ObjectId set, DateTime touched) => new() { { "set", set }, { "touched_at", touched } };

    private static BsonDocument WithSet(ObjectId set) => new("value", new BsonDocument("set", set));
}
