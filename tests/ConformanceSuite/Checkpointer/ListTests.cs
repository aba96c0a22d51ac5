using System.Text.Json.Nodes;
using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// List within one thread: namespaces, ordering, metadata filters, <c>before</c>, <c>limit</c> and pending writes
/// (LangGraph Python catalogue 38-53; contract: unspecified namespace lists all, checkpoint id restricts, limit 0,
/// numbers compare by value, deep equality rather than containment, ordinal id order).
/// Listing across threads is in <see cref="ListMatrixTests"/>.
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class ListTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    [Theory, BothModes]
    public virtual async Task List_of_a_thread_returns_all_its_checkpoints(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (threadId, ids) = await PutAlternatingChainAsync(saver);

        var results = await saver.ListAsync(TestData.Config(threadId));

        Assert.Equal(4, results.Count);
        Assert.All(results, t => Assert.Equal(threadId, t.Config.ThreadId));
        Assert.Equal(ids.Order(StringComparer.Ordinal), results.Select(t => t.Checkpoint.Id).Order(StringComparer.Ordinal));
    }

    [Theory, BothModes]
    public virtual async Task List_of_an_unknown_thread_returns_nothing_and_of_a_known_one_only_its_checkpoints(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (threadId, _) = await PutAlternatingChainAsync(saver);
        await PutAlternatingChainAsync(saver);

        Assert.Empty(await saver.ListAsync(TestData.Config(NewThreadId())));
        Assert.Empty(await saver.ListAsync(new RunConfig(NewThreadId(), checkpointNs: null)));
        Assert.Equal(4, (await saver.ListAsync(TestData.Config(threadId))).Count);
    }

    [Theory, BothModes]
    public virtual async Task List_with_a_namespace_returns_only_that_namespace(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var root = await saver.PutAsync(TestData.Config(threadId, string.Empty), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());
        var child = await saver.PutAsync(TestData.Config(threadId, "child:1"), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());

        var rootResults = await saver.ListAsync(TestData.Config(threadId, string.Empty));
        var childResults = await saver.ListAsync(TestData.Config(threadId, "child:1"));
        var otherResults = await saver.ListAsync(TestData.Config(threadId, "child:2"));

        Assert.Equal([root], rootResults.Select(t => t.Config));
        Assert.Equal([child], childResults.Select(t => t.Config));
        Assert.Empty(otherResults);
    }

    [Theory, BothModes]
    public virtual async Task List_with_root_namespace_returns_only_the_root_of_several_namespaces(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var stored = new List<RunConfig>();
        foreach (var ns in new[] { string.Empty, "child:1", "child:2" })
        {
            stored.Add(await saver.PutAsync(TestData.Config(threadId, ns), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions()));
        }

        var results = await saver.ListAsync(TestData.Config(threadId, string.Empty));

        Assert.Equal([stored[0]], results.Select(t => t.Config));
    }

    [Theory, BothModes]
    public virtual async Task List_without_namespace_returns_every_namespace_newest_first(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var stored = new List<RunConfig>();
        foreach (var ns in new[] { string.Empty, "child:1", string.Empty, "child:2" })
        {
            stored.Add(await saver.PutAsync(TestData.Config(threadId, ns), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions()));
        }

        var results = await saver.ListAsync(new RunConfig(threadId, checkpointNs: null));

        Assert.Equal(Enumerable.Reverse(stored), results.Select(t => t.Config));
    }

    [Theory, BothModes]
    public virtual async Task List_returns_newest_first(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (threadId, ids) = await PutAlternatingChainAsync(saver);

        var results = await saver.ListAsync(TestData.Config(threadId));

        Assert.Equal(Enumerable.Reverse(ids), results.Select(t => t.Checkpoint.Id));
        Assert.Equal([3, 2, 1, 0], results.Select(t => t.Metadata.Step ?? -99));
    }

    [Theory, BothModes]
    public virtual async Task List_orders_ids_ordinally_not_by_culture_or_insertion(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        foreach (var id in new[] { "b", "B", "a", "A", "a-2", "a10", "a9" })
        {
            var checkpoint = TestData.Checkpoint();
            checkpoint.Id = id;
            await saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.NoVersions());
        }

        var results = await saver.ListAsync(TestData.Config(threadId));
        var before = await saver.ListAsync(TestData.Config(threadId), new CheckpointListOptions { Before = TestData.Config(threadId, checkpointId: "a") });

        Assert.Equal(["b", "a9", "a10", "a-2", "a", "B", "A"], results.Select(t => t.Checkpoint.Id));
        Assert.Equal(["B", "A"], before.Select(t => t.Checkpoint.Id));
    }

    [Theory, BothModes]
    public virtual async Task List_with_checkpoint_id_in_config_returns_only_that_checkpoint(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (threadId, ids) = await PutAlternatingChainAsync(saver);

        var results = await saver.ListAsync(TestData.Config(threadId, string.Empty, ids[1]));
        var unknown = await saver.ListAsync(TestData.Config(threadId, string.Empty, CheckpointId.Create()));

        Assert.Equal([ids[1]], results.Select(t => t.Checkpoint.Id));
        Assert.Empty(unknown);
    }

    [Theory, BothModes]
    public virtual async Task List_filtered_by_source_returns_only_matching_checkpoints(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (threadId, ids) = await PutAlternatingChainAsync(saver);

        var inputs = await saver.ListAsync(TestData.Config(threadId), Filter(("source", "input")));
        var loops = await saver.ListAsync(TestData.Config(threadId), Filter(("source", "loop")));

        Assert.Equal([ids[2], ids[0]], inputs.Select(t => t.Checkpoint.Id));
        Assert.Equal([ids[3], ids[1]], loops.Select(t => t.Checkpoint.Id));
        Assert.All(inputs, t => Assert.Equal(CheckpointSource.Input, t.Metadata.Source));
    }

    [Theory, BothModes]
    public virtual async Task List_filtered_by_step_returns_the_matching_checkpoint(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (threadId, ids) = await PutAlternatingChainAsync(saver);

        var results = await saver.ListAsync(TestData.Config(threadId), Filter(("step", 1)));

        var tuple = Assert.Single(results);
        Assert.Equal(ids[1], tuple.Checkpoint.Id);
        Assert.Equal(1, tuple.Metadata.Step);
    }

    [Theory, BothModes]
    public virtual async Task List_filter_with_several_keys_requires_all_to_match(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var stored = new List<RunConfig>();
        foreach (var (source, step) in new[] { (CheckpointSource.Input, 1), (CheckpointSource.Loop, 1), (CheckpointSource.Input, 2) })
        {
            stored.Add(await saver.PutAsync(TestData.Config(threadId), TestData.Checkpoint(), TestData.Metadata(source, step), TestData.NoVersions()));
        }

        var results = await saver.ListAsync(TestData.Config(threadId), Filter(("source", "input"), ("step", 2)));

        Assert.Equal([stored[2]], results.Select(t => t.Config));
    }

    [Theory, BothModes]
    public virtual async Task List_filter_that_matches_nothing_returns_nothing(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (threadId, _) = await PutAlternatingChainAsync(saver);

        Assert.Empty(await saver.ListAsync(TestData.Config(threadId), Filter(("source", "update"), ("step", 99))));
        Assert.Empty(await saver.ListAsync(TestData.Config(threadId), Filter(("missing_key", "x"))));
        Assert.Empty(await saver.ListAsync(TestData.Config(NewThreadId()), Filter(("source", "nonexistent"))));
    }

    [Theory, BothModes]
    public virtual async Task List_filters_on_custom_metadata_keys(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var first = await saver.PutAsync(
            TestData.Config(threadId),
            TestData.Checkpoint(),
            TestData.Metadata(extra: new Dictionary<string, JsonNode?> { ["score"] = 42, ["run_id"] = "run-abc" }),
            TestData.NoVersions());
        await saver.PutAsync(
            TestData.Config(threadId),
            TestData.Checkpoint(),
            TestData.Metadata(extra: new Dictionary<string, JsonNode?> { ["score"] = 99, ["run_id"] = "run-xyz" }),
            TestData.NoVersions());

        var results = await saver.ListAsync(TestData.Config(threadId), Filter(("score", 42)));

        var tuple = Assert.Single(results);
        Assert.Equal(first, tuple.Config);
        Assert.Equal("run-abc", tuple.Metadata.RunId);
        Assert.Equal(42, tuple.Metadata["score"]?.GetValue<int>());
    }

    [Theory, BothModes]
    public virtual async Task List_filter_compares_numbers_by_value(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var integer = await PutWithMetadataAsync(saver, threadId, ("score", JsonValue.Create(1)));
        var fractional = await PutWithMetadataAsync(saver, threadId, ("score", JsonValue.Create(1.5)));
        var large = await PutWithMetadataAsync(saver, threadId, ("score", JsonValue.Create(10)));

        Assert.Equal([integer], (await saver.ListAsync(TestData.Config(threadId), Filter(("score", 1.0)))).Select(t => t.Config));
        Assert.Equal([fractional], (await saver.ListAsync(TestData.Config(threadId), Filter(("score", 1.5m)))).Select(t => t.Config));
        Assert.Equal([large], (await saver.ListAsync(TestData.Config(threadId), Filter(("score", 10L)))).Select(t => t.Config));
        Assert.Empty(await saver.ListAsync(TestData.Config(threadId), Filter(("score", "1"))));
    }

    [Theory, BothModes]
    public virtual async Task List_filter_on_an_object_value_requires_deep_equality_not_containment(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var stored = await PutWithMetadataAsync(saver, threadId, ("nested", new JsonObject { ["a"] = new JsonArray(1, 2), ["b"] = "x" }));

        var exact = await saver.ListAsync(TestData.Config(threadId), Filter(("nested", new JsonObject { ["b"] = "x", ["a"] = new JsonArray(1, 2) })));
        var partialObject = await saver.ListAsync(TestData.Config(threadId), Filter(("nested", new JsonObject { ["b"] = "x" })));
        var partialArray = await saver.ListAsync(TestData.Config(threadId), Filter(("nested", new JsonObject { ["a"] = new JsonArray(1), ["b"] = "x" })));
        var reordered = await saver.ListAsync(TestData.Config(threadId), Filter(("nested", new JsonObject { ["a"] = new JsonArray(2, 1), ["b"] = "x" })));

        Assert.Equal([stored], exact.Select(t => t.Config));
        Assert.Empty(partialObject);
        Assert.Empty(partialArray);
        Assert.Empty(reordered);
    }

    [Theory, BothModes]
    public virtual async Task List_filter_on_null_matches_only_a_present_null(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var withNull = await PutWithMetadataAsync(saver, threadId, ("maybe", null));
        await PutWithMetadataAsync(saver, threadId, ("other", "x"));
        await PutWithMetadataAsync(saver, threadId, ("maybe", "value"));

        var results = await saver.ListAsync(TestData.Config(threadId), Filter(("maybe", null)));

        Assert.Equal([withNull], results.Select(t => t.Config));
    }

    [Theory, BothModes]
    public virtual async Task List_filter_matches_only_top_level_keys(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        await PutWithMetadataAsync(saver, threadId, ("outer", new JsonObject { ["source"] = "input" }));

        var results = await saver.ListAsync(TestData.Config(threadId), Filter(("source", "input")));

        Assert.Empty(results);
    }

    [Theory, BothModes]
    public virtual async Task List_with_an_empty_filter_returns_everything(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (threadId, ids) = await PutAlternatingChainAsync(saver);

        var results = await saver.ListAsync(TestData.Config(threadId), new CheckpointListOptions { Filter = new Dictionary<string, JsonNode?>() });

        Assert.Equal(Enumerable.Reverse(ids), results.Select(t => t.Checkpoint.Id));
    }

    [Theory, BothModes]
    public virtual async Task List_before_returns_only_older_checkpoints(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (threadId, ids) = await PutAlternatingChainAsync(saver);

        var results = await saver.ListAsync(TestData.Config(threadId), new CheckpointListOptions { Before = TestData.Config(threadId, checkpointId: ids[2]) });

        Assert.Equal([ids[1], ids[0]], results.Select(t => t.Checkpoint.Id));
    }

    [Theory, BothModes]
    public virtual async Task List_limit_returns_that_many_newest(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (threadId, ids) = await PutAlternatingChainAsync(saver);

        var one = await saver.ListAsync(TestData.Config(threadId), new CheckpointListOptions { Limit = 1 });
        var two = await saver.ListAsync(TestData.Config(threadId), new CheckpointListOptions { Limit = 2 });
        var many = await saver.ListAsync(TestData.Config(threadId), new CheckpointListOptions { Limit = 100 });

        Assert.Equal([ids[3]], one.Select(t => t.Checkpoint.Id));
        Assert.Equal([ids[3], ids[2]], two.Select(t => t.Checkpoint.Id));
        Assert.Equal(Enumerable.Reverse(ids), many.Select(t => t.Checkpoint.Id));
    }

    [Theory, BothModes]
    public virtual async Task List_with_limit_zero_returns_nothing(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (threadId, _) = await PutAlternatingChainAsync(saver);

        Assert.Empty(await saver.ListAsync(TestData.Config(threadId), new CheckpointListOptions { Limit = 0 }));
    }

    [Theory, BothModes]
    public virtual async Task List_with_limit_and_before_pages_through_history(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (threadId, ids) = await PutAlternatingChainAsync(saver);

        var page = await saver.ListAsync(TestData.Config(threadId), new CheckpointListOptions { Before = TestData.Config(threadId, checkpointId: ids[3]), Limit = 1 });
        var pages = new List<string>();
        RunConfig? cursor = null;

        // Bounded, so a backend whose cursor does not advance fails instead of looping forever.
        for (var round = 0; round < 10; round++)
        {
            var next = await saver.ListAsync(TestData.Config(threadId), new CheckpointListOptions { Before = cursor, Limit = 3 });
            if (next.Count == 0)
            {
                break;
            }

            pages.AddRange(next.Select(t => t.Checkpoint.Id));
            cursor = next[^1].Config;
        }

        Assert.Equal([ids[2]], page.Select(t => t.Checkpoint.Id));
        Assert.Equal(Enumerable.Reverse(ids), pages);
    }

    [Theory, BothModes]
    public virtual async Task List_combines_thread_and_metadata_filter(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (threadId, ids) = await PutAlternatingChainAsync(saver);
        await PutAlternatingChainAsync(saver);

        var results = await saver.ListAsync(TestData.Config(threadId), Filter(("source", "loop")));

        Assert.Equal([ids[3], ids[1]], results.Select(t => t.Checkpoint.Id));
        Assert.All(results, t => Assert.Equal(threadId, t.Config.ThreadId));
    }

    [Theory, BothModes]
    public virtual async Task List_returns_whole_tuples_with_pending_writes(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var checkpoint1 = TestData.Checkpoint(new Dictionary<string, object?> { ["ch"] = "one" });
        var metadata1 = TestData.Metadata(CheckpointSource.Input, -1);
        var first = await saver.PutAsync(TestData.Config(threadId), checkpoint1, metadata1, TestData.AllVersions(checkpoint1));
        await saver.PutWritesAsync(first, [new("ch", "val"), new(SpecialChannels.Error, "boom")], "task-1", "a:b");
        var checkpoint2 = TestData.Checkpoint(new Dictionary<string, object?> { ["ch"] = "one" });
        var metadata2 = TestData.Metadata(step: 0);
        var second = await saver.PutAsync(first, checkpoint2, metadata2, TestData.NoVersions());

        var results = await saver.ListAsync(TestData.Config(threadId));

        TupleAssert.SequenceEqual(
            [
                new CheckpointTuple(second, checkpoint2, metadata2, first, []),
                new CheckpointTuple(first, checkpoint1, metadata1, null, [new("task-1", SpecialChannels.Error, "boom", "a:b"), new("task-1", "ch", "val", "a:b")]),
            ],
            results);
    }

    [Theory, BothModes]
    public virtual async Task List_can_stop_early_and_list_again(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (threadId, ids) = await PutAlternatingChainAsync(saver);

        string? first;
        if (mode == ApiMode.Sync)
        {
            first = saver.Inner.List(TestData.Config(threadId)).First().Checkpoint.Id;
        }
        else
        {
            first = null;
            await foreach (var tuple in saver.Inner.ListAsync(TestData.Config(threadId), cancellationToken: CancellationToken))
            {
                first = tuple.Checkpoint.Id;
                break;
            }
        }

        Assert.Equal(ids[3], first);
        Assert.Equal(4, (await saver.ListAsync(TestData.Config(threadId))).Count);
    }

    /// <summary>Four chained checkpoints (steps 0-3) whose source alternates input, loop, input, loop.</summary>
    private static async Task<(string ThreadId, List<string> Ids)> PutAlternatingChainAsync(SaverApi saver)
    {
        var threadId = NewThreadId();
        var configs = await TestData.PutChainAsync(
            saver,
            threadId,
            4,
            metadata: step => TestData.Metadata(step % 2 == 0 ? CheckpointSource.Input : CheckpointSource.Loop, step));
        return (threadId, configs.Select(c => c.CheckpointId!).ToList());
    }

    private static async Task<RunConfig> PutWithMetadataAsync(SaverApi saver, string threadId, (string Key, JsonNode? Value) entry) =>
        await saver.PutAsync(
            TestData.Config(threadId),
            TestData.Checkpoint(),
            TestData.Metadata(extra: new Dictionary<string, JsonNode?> { [entry.Key] = entry.Value }),
            TestData.NoVersions());

    private static CheckpointListOptions Filter(params (string Key, JsonNode? Value)[] entries) =>
        new() { Filter = entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal) };
}
