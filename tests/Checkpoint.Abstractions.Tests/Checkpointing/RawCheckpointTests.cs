using Checkpoint.Providers;

namespace Checkpoint.Abstractions.Tests.Checkpointing;

/// <summary>Raw reads and writes move checkpoints in their stored form, without knowing the application's types.</summary>
public sealed class RawCheckpointTests
{
    private static readonly JsonCheckpointSerializer Registered = new(new JsonCheckpointSerializerOptions().Register<Todo>("todo"));

    [Fact]
    public async Task A_thread_copied_raw_reads_back_equal_though_the_copier_knows_none_of_its_types()
    {
        var ct = TestContext.Current.CancellationToken;
        var source = new InMemorySaver(Registered);
        var threadId = "raw-" + Guid.NewGuid().ToString("N");
        var parent = await source.PutAsync(RunConfig.ForThread(threadId), Checkpoint("a", Items(300), new Todo("x")), Metadata(0), Versions("a", "messages", "todo", "gone"), ct);
        var child = await source.PutAsync(parent, Checkpoint("b", Items(301), new Todo("y")), Metadata(1), Versions("b", "messages", "todo"), ct);
        await source.PutWritesAsync(child, [new("todo", new Todo("w")), new(SpecialChannels.Error, "boom"), new("messages", "late")], "task-1", "path", ct);
        await source.PutAsync(new RunConfig(threadId, "sub:1"), Checkpoint("c", Items(2), new Todo("z")), Metadata(0), Versions("c", "messages"), ct);

        var copier = new InMemorySaver(new InMemoryCheckpointDatabase(), null);
        var reader = new InMemorySaver(source.Database);
        var raw = await reader.ListRawAsync(RunConfig.ForThread(threadId) with { CheckpointNs = null }, cancellationToken: ct).ToListAsync(ct);
        foreach (var checkpoint in raw.AsEnumerable().Reverse())
        {
            await copier.PutRawAsync(checkpoint, ct);
        }

        var target = new InMemorySaver(copier.Database, Registered);
        var expected = await source.ListAsync(new RunConfig(threadId, null), cancellationToken: ct).ToListAsync(ct);
        var actual = await target.ListAsync(new RunConfig(threadId, null), cancellationToken: ct).ToListAsync(ct);
        Assert.Equal(3, actual.Count);
        Assert.Equal(Describe(expected), Describe(actual));
        Assert.Equal(source.Database.Threads[threadId].Blobs.Count, copier.Database.Threads[threadId].Blobs.Count);
        Assert.Equal(
            source.Database.Threads[threadId].Writes.SelectMany(w => w.Value.Keys),
            copier.Database.Threads[threadId].Writes.SelectMany(w => w.Value.Keys));
    }

    [Fact]
    public void A_raw_read_shows_chunks_empty_markers_and_write_indexes_and_joins_long_lists()
    {
        var saver = new InMemorySaver(Registered);
        var threadId = "raw-" + Guid.NewGuid().ToString("N");
        var config = saver.Put(RunConfig.ForThread(threadId), Checkpoint("a", Items(300), new Todo("x")), Metadata(0), Versions("a", "messages", "todo", "gone"));
        saver.PutWrites(config, [new("messages", "m"), new(SpecialChannels.Interrupt, "stop"), new("todo", new Todo("t"))], "task");

        var raw = new InMemorySaver(saver.Database).GetRaw(config)!;

        Assert.Equal(["gone", "messages", "todo"], raw.Channels.Order(StringComparer.Ordinal));
        Assert.Contains(raw.Checkpoint.ChannelVersions.Keys, RawCheckpoint.IsChunkChannel);
        Assert.True(raw.Blobs.Single(b => b.Channel == "gone").Value.IsEmpty);
        Assert.Null(raw.GetValue("gone"));
        Assert.Empty(raw.MissingBlobs);
        Assert.Equal(Registered.Serialize(Items(300)), raw.GetValue("messages"));
        Assert.Equal("json:todo", raw.GetValue("todo")!.Value.Type);
        Assert.Equal([-3, 0, 2], raw.Writes.Select(w => w.Index));
    }

    [Fact]
    public void A_value_the_storage_lost_is_named_as_missing()
    {
        var saver = new InMemorySaver();
        var threadId = "raw-" + Guid.NewGuid().ToString("N");
        var config = saver.Put(RunConfig.ForThread(threadId), Checkpoint("a", Items(300), 1), Metadata(0), Versions("a", "messages", "todo", "gone"));
        var blobs = saver.Database.Threads[threadId].Blobs;
        blobs.Remove(blobs.Keys.Single(k => k.Channel == "todo"));
        var chunk = blobs.Keys.First(k => RawCheckpoint.IsChunkChannel(k.Channel));
        blobs.Remove(chunk);

        var raw = saver.GetRaw(config)!;

        Assert.Equal([chunk.Channel, "todo"], raw.MissingBlobs.Order(StringComparer.Ordinal));
        Assert.Throws<CheckpointSerializationException>(() => raw.GetValue("messages"));
    }

    [Fact]
    public void Reading_raw_while_enumerating_leaves_ordinary_reads_of_the_same_saver_untouched()
    {
        var saver = new InMemorySaver(Registered);
        var threadId = "raw-" + Guid.NewGuid().ToString("N");
        var config = saver.Put(RunConfig.ForThread(threadId), Checkpoint("a", Items(3), new Todo("x")), Metadata(0), Versions("a", "messages", "todo"));
        saver.Put(config, Checkpoint("b", Items(4), new Todo("y")), Metadata(1), Versions("b", "messages", "todo"));

        foreach (var raw in saver.ListRaw(RunConfig.ForThread(threadId)))
        {
            var tuple = saver.GetTuple(new RunConfig(threadId, string.Empty, raw.CheckpointId))!;
            Assert.IsType<Todo>(tuple.Checkpoint.ChannelValues["todo"]);
            Assert.Empty(raw.Checkpoint.ChannelValues);
        }
    }

    private static string Describe(IEnumerable<CheckpointTuple> tuples) => string.Join("\n", tuples.Select(t =>
        $"{t.Config.CheckpointNs}/{t.Config.CheckpointId}<-{t.ParentConfig?.CheckpointId} {CheckpointJson.Serialize(t.Checkpoint)} {t.Metadata.ToJsonString()} "
        + string.Join(",", t.Checkpoint.ChannelValues.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={Registered.Serialize(v.Value)}:{Convert.ToBase64String(Registered.Serialize(v.Value).Data)}"))
        + " " + string.Join(",", t.PendingWrites.Select(w => $"{w.TaskId}/{w.TaskPath}/{w.Channel}={Convert.ToBase64String(Registered.Serialize(w.Value).Data)}"))));

    private static List<string> Items(int count) => [.. Enumerable.Range(0, count).Select(i => $"message {i} " + new string('x', 300))];

    // Every channel at the checkpoint's own version, except "gone", which keeps the version it was emptied at.
    private static GraphCheckpoint Checkpoint(string id, List<string> messages, object todo)
    {
        var checkpoint = new GraphCheckpoint { Id = id, Ts = "2026-01-01T00:00:00.000000+00:00" };
        checkpoint.ChannelValues["messages"] = messages;
        checkpoint.ChannelValues["todo"] = todo;
        checkpoint.ChannelVersions["messages"] = id;
        checkpoint.ChannelVersions["todo"] = id;
        checkpoint.ChannelVersions["gone"] = "a";
        return checkpoint;
    }

    private static CheckpointMetadata Metadata(int step) => CheckpointMetadata.Create(CheckpointSource.Loop, step);

    private static Dictionary<string, string> Versions(string version, params string[] channels) =>
        channels.ToDictionary(c => c, _ => version, StringComparer.Ordinal);

    public sealed record Todo(string Text);
}
