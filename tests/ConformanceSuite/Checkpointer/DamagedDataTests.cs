using System.Text.Json;
using System.Text.Json.Nodes;
using Checkpoint.Providers;
using Microsoft.Extensions.AI;
using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Damaged stored data, planted with raw database access (<see cref="StoredDataEditor"/>) in a fresh database: a
/// checkpoint whose JSON, channel versions or metadata are malformed, or a long list that lost a chunk, is reported by
/// <see cref="CorruptCheckpointException"/> naming the thread, namespace and checkpoint, on reads and listings alike;
/// listing every thread stops at the damaged row with that exception, while listing threads, other threads, deleting,
/// pruning and deleting runs keep working (contract: Damaged data; issue 15).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class DamagedDataTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    public static TheoryData<ApiMode, string> DamagedChannelVersions => Cases("\"x\"", "[\"1\"]", "5", "null", "{\"ch\": {\"a\": 1}}", "{\"ch\": true}", "{\"ch\": null}");

    public static TheoryData<ApiMode, string> DamagedCheckpoints => Cases("{\"v\": 4, \"id\": ", "not json", "[1, 2]", "\"a string\"", "{}", "{\"versions_seen\": 7}", "{\"updated_channels\": {}}");

    public static TheoryData<ApiMode, string> DamagedMetadata => Cases("{\"source\": ", "[1]", "\"x\"", "42", "null");

    [Theory, MemberData(nameof(DamagedChannelVersions))]
    public virtual async Task A_checkpoint_whose_channel_versions_are_damaged_is_reported_by_name(ApiMode mode, string damage)
    {
        var (saver, editor) = await FreshAsync(mode);
        var stored = await PutAsync(saver, NewThreadId(), "child:1");

        var json = StoredJson(stored);
        json["channel_versions"] = JsonNode.Parse(damage);
        Assert.True(await editor.TryReplaceCheckpointAsync(stored.ThreadId!, "child:1", stored.CheckpointId!, json.ToJsonString()));

        await AssertCorruptAsync(stored, "channel_versions", () => saver.GetTupleAsync(stored));
        await AssertCorruptAsync(stored, "channel_versions", () => saver.GetTupleAsync(stored with { CheckpointId = null }));
        await AssertCorruptAsync(stored, "channel_versions", () => saver.ListAsync(TestData.Config(stored.ThreadId!, checkpointNs: null)));
    }

    [Theory, MemberData(nameof(DamagedCheckpoints))]
    public virtual async Task A_checkpoint_whose_json_is_malformed_or_has_the_wrong_shape_is_reported_by_name(ApiMode mode, string damage)
    {
        var (saver, editor) = await FreshAsync(mode);
        var stored = await PutAsync(saver, NewThreadId(), string.Empty);
        var text = damage.StartsWith('{') && damage.EndsWith('}') ? MergeInto(StoredJson(stored), damage) : damage;

        Assert.SkipUnless(await editor.TryReplaceCheckpointAsync(stored.ThreadId!, string.Empty, stored.CheckpointId!, text), $"{TestStore.BackendName} cannot hold {damage} as a checkpoint.");

        await AssertCorruptAsync(stored, "checkpoint", () => saver.GetTupleAsync(stored));
        await AssertCorruptAsync(stored, "checkpoint", () => saver.ListAsync(TestData.Config(stored.ThreadId!)));
    }

    [Theory, BothModes]
    public virtual async Task A_checkpoint_whose_json_names_another_checkpoint_is_reported_by_name(ApiMode mode)
    {
        var (saver, editor) = await FreshAsync(mode);
        var threadId = NewThreadId();
        var first = await PutAsync(saver, threadId, string.Empty);
        var second = await PutAsync(saver, threadId, string.Empty, first);

        Assert.True(await editor.TryReplaceCheckpointAsync(threadId, string.Empty, second.CheckpointId!, StoredJson(first).ToJsonString()));

        var error = await AssertCorruptAsync(second, "another id", () => saver.GetTupleAsync(second));
        Assert.Contains(first.CheckpointId!, error.Message, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(DamagedMetadata))]
    public virtual async Task Metadata_that_is_malformed_or_not_an_object_is_reported_by_name_even_by_a_filtered_listing(ApiMode mode, string damage)
    {
        var (saver, editor) = await FreshAsync(mode);
        var stored = await PutAsync(saver, NewThreadId(), string.Empty);

        Assert.SkipUnless(await editor.TryReplaceMetadataAsync(stored.ThreadId!, string.Empty, stored.CheckpointId!, damage), $"{TestStore.BackendName} cannot hold {damage} as metadata.");

        await AssertCorruptAsync(stored, "metadata", () => saver.GetTupleAsync(stored));
        await AssertCorruptAsync(stored, "metadata", () => saver.ListAsync(TestData.Config(stored.ThreadId!)));
        await AssertCorruptAsync(stored, "metadata", () => saver.ListAsync(null, new CheckpointListOptions { Filter = new Dictionary<string, JsonNode?> { ["run_id"] = "r" } }));
    }

    [Theory, BothModes]
    public virtual async Task A_long_list_that_lost_a_chunk_or_whose_manifest_is_damaged_is_reported_by_name(ApiMode mode)
    {
        var database = await CreateDatabaseAsync();
        Assert.SkipWhen(database.Editor is null, $"{TestStore.BackendName} gives the kit no raw access to its data.");
        var editor = database.Editor!;
        var writer = new SaverApi(Track(database.CreateSaver()), mode);
        await writer.SetupAsync();
        var messages = Enumerable.Range(0, 200).Select(i => new ChatMessage(ChatRole.User, $"message {i} {new string('x', 200)}")).ToList();
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["messages"] = messages });
        var stored = await writer.PutAsync(TestData.Config(NewThreadId()), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));

        // The checkpoint references its chunks; a raw read shows their stored versions.
        var chunk = "\u00011\u0001messages";
        var raw = Assert.Single(await writer.Inner.ListRawAsync(TestData.Config(stored.ThreadId!)).ToListAsync());
        var chunkVersion = Assert.Single(raw.Blobs, b => b.Channel == chunk).Version;
        var manifest = (await editor.ReadBlobAsync(stored.ThreadId!, string.Empty, "messages", "1"))!.Value;
        var original = (await editor.ReadBlobAsync(stored.ThreadId!, string.Empty, chunk, chunkVersion))!.Value;

        // A saver without the chunks in memory reads them from storage (the writer keeps them, keyed by content).
        SaverApi Reader() => new(Track(database.CreateSaver()), mode);
        await editor.ReplaceBlobAsync(stored.ThreadId!, string.Empty, chunk, chunkVersion, original with { Data = "{}"u8.ToArray() });
        await AssertCorruptAsync(stored, "chunk 1 of channel 'messages' is not a non-empty JSON list", () => Reader().GetTupleAsync(stored));
        await editor.DeleteBlobAsync(stored.ThreadId!, string.Empty, chunk, chunkVersion);
        var missing = await AssertCorruptAsync(stored, "chunk 1 of channel 'messages' is missing", () => Reader().GetTupleAsync(stored));

        // Checkpoints without chunk references (written before this release) name their chunks in the manifest.
        var json = CheckpointJson.ToJsonObject(raw.Checkpoint);
        var versions = json["channel_versions"]!.AsObject();
        foreach (var reference in versions.Select(p => p.Key).Where(RawCheckpoint.IsChunkChannel).ToList())
        {
            versions.Remove(reference);
        }

        Assert.True(await editor.TryReplaceCheckpointAsync(stored.ThreadId!, string.Empty, stored.CheckpointId!, json.ToJsonString()));
        await editor.ReplaceBlobAsync(stored.ThreadId!, string.Empty, "messages", "1", manifest with { Data = "[\"unterminated"u8.ToArray() });
        await AssertCorruptAsync(stored, "chunk manifest of channel 'messages'", () => Reader().GetTupleAsync(stored));

        Assert.Null(missing.InnerException);
    }

    [Theory, BothModes]
    public virtual async Task Listing_every_thread_stops_at_a_damaged_row_naming_it_while_other_operations_keep_working(ApiMode mode)
    {
        var (saver, editor) = await FreshAsync(mode);
        var (good, damaged, other) = (NewThreadId(), NewThreadId(), NewThreadId());
        var configs = new List<RunConfig>();
        foreach (var threadId in (string[])[good, damaged, other])
        {
            configs.Add(await PutAsync(saver, threadId, string.Empty));
        }

        var json = StoredJson(configs[1]);
        json["channel_versions"] = "not an object";
        Assert.True(await editor.TryReplaceCheckpointAsync(damaged, string.Empty, configs[1].CheckpointId!, json.ToJsonString()));
        if (!await editor.TryReplaceMetadataAsync(damaged, string.Empty, configs[1].CheckpointId!, "{\"run_id\": "))
        {
            Assert.True(await editor.TryReplaceMetadataAsync(damaged, string.Empty, configs[1].CheckpointId!, "[\"run\"]"));
        }

        await AssertCorruptAsync(configs[1], string.Empty, () => saver.ListAsync(null));
        Assert.Equal(new[] { good, damaged, other }.Order(StringComparer.Ordinal), (await saver.ListThreadsAsync()).Select(t => t.ThreadId));
        Assert.Single(await saver.ListAsync(TestData.Config(good)));
        await saver.DeleteForRunsAsync(["some-run"]);
        await saver.PruneAsync([damaged, good], PruneStrategy.OlderThan(DateTimeOffset.UtcNow.AddDays(1)));
        await saver.PruneAsync([damaged], PruneStrategy.KeepLast(1));
        await saver.DeleteThreadAsync(damaged);

        Assert.Equal(new[] { other, good }.Order(StringComparer.Ordinal), (await saver.ListAsync(null)).Select(t => t.Config.ThreadId!).Order(StringComparer.Ordinal));
    }

    private static TheoryData<ApiMode, string> Cases(params string[] damages)
    {
        var data = new TheoryData<ApiMode, string>();
        foreach (var mode in (ApiMode[])[ApiMode.Sync, ApiMode.Async])
        {
            foreach (var damage in damages)
            {
                data.Add(mode, damage);
            }
        }

        return data;
    }

    private static JsonObject StoredJson(RunConfig stored)
    {
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["ch"] = "value" });
        checkpoint.Id = stored.CheckpointId!;
        return CheckpointJson.ToJsonObject(checkpoint);
    }

    private static string MergeInto(JsonObject json, string fields)
    {
        var merged = json.DeepClone().AsObject();
        var extra = JsonNode.Parse(fields)!.AsObject();
        if (extra.Count == 0)
        {
            merged.Remove("id");
        }

        foreach (var (key, value) in extra)
        {
            merged[key] = value?.DeepClone();
        }

        return merged.ToJsonString();
    }

    private static async Task<RunConfig> PutAsync(SaverApi saver, string threadId, string ns, RunConfig? parent = null)
    {
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["ch"] = "value" });
        return await saver.PutAsync(TestData.Config(threadId, ns, parent?.CheckpointId), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
    }

    private static async Task<CorruptCheckpointException> AssertCorruptAsync(RunConfig stored, string problem, Func<Task> read)
    {
        var error = await Assert.ThrowsAsync<CorruptCheckpointException>(read);
        Assert.Equal(stored.ThreadId, error.ThreadId);
        Assert.Equal(stored.ResolvedCheckpointNs, error.CheckpointNs);
        Assert.Equal(stored.CheckpointId, error.CheckpointId);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Contains(stored.ThreadId!, error.Message, StringComparison.Ordinal);
        return error;
    }

    private async Task<(SaverApi Saver, StoredDataEditor Editor)> FreshAsync(ApiMode mode)
    {
        var database = await CreateDatabaseAsync();
        Assert.SkipWhen(database.Editor is null, $"{TestStore.BackendName} gives the kit no raw access to its data.");
        var saver = new SaverApi(Track(database.CreateSaver()), mode);
        await saver.SetupAsync();
        return (saver, database.Editor!);
    }
}
