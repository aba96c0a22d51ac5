using System.Text.Json.Nodes;
using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Put: what is stored, what comes back, and which channels get value blobs
/// (LangGraph Python catalogue 1-17, JS J1-J12; contract: re-putting an id keeps its first parent, blobs are
/// immutable per version, the <c>empty</c> marker, unknown fields, <c>GetNextVersion</c>).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class PutTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    [Fact]
    public virtual async Task An_async_put_with_a_cancelled_token_is_cancelled_and_writes_nothing()
    {
        var saver = CreateSaver(ApiMode.Async);
        var threadId = NewThreadId();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            saver.Inner.PutAsync(TestData.Config(threadId), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions(), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => saver.Inner.GetTupleAsync(TestData.Config(threadId), cancelled.Token));

        Assert.Null(await saver.GetTupleAsync(TestData.Config(threadId)));
    }

    [Theory, BothModes]
    public virtual async Task Put_returns_config_with_thread_namespace_and_new_checkpoint_id(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var checkpoint = TestData.Checkpoint();

        var stored = await saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.NoVersions());

        Assert.Equal(new RunConfig(threadId, string.Empty, checkpoint.Id), stored);
    }

    [Theory, BothModes]
    public virtual async Task Put_in_child_namespace_returns_and_reads_back_that_namespace(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var checkpoint = TestData.Checkpoint();

        var stored = await saver.PutAsync(TestData.Config(threadId, "child:abc"), checkpoint, TestData.Metadata(), TestData.NoVersions());
        var tuple = await saver.GetTupleAsync(stored);

        Assert.Equal(new RunConfig(threadId, "child:abc", checkpoint.Id), stored);
        Assert.NotNull(tuple);
        Assert.Equal(new RunConfig(threadId, "child:abc", checkpoint.Id), tuple.Config);
        Assert.Null(await saver.GetTupleAsync(TestData.Config(threadId)));
    }

    [Theory, BothModes]
    public virtual async Task Put_in_root_namespace_reads_back_empty_namespace(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var checkpoint = TestData.Checkpoint();

        await saver.PutAsync(TestData.Config(threadId, string.Empty), checkpoint, TestData.Metadata(), TestData.NoVersions());
        var tuple = await saver.GetTupleAsync(TestData.Config(threadId, string.Empty));

        Assert.NotNull(tuple);
        Assert.Equal(string.Empty, tuple.Config.CheckpointNs);
        Assert.Equal(checkpoint.Id, tuple.Config.CheckpointId);
    }

    [Theory, BothModes]
    public virtual async Task Put_without_namespace_defaults_to_root(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var checkpoint = TestData.Checkpoint();

        var stored = await saver.PutAsync(new RunConfig(threadId), checkpoint, TestData.Metadata(), TestData.NoVersions());
        var tuple = await saver.GetTupleAsync(TestData.Config(threadId, string.Empty));

        Assert.Equal(new RunConfig(threadId, string.Empty, checkpoint.Id), stored);
        Assert.NotNull(tuple);
        Assert.Equal(checkpoint.Id, tuple.Checkpoint.Id);
    }

    [Theory, BothModes]
    public virtual async Task Put_then_get_returns_same_checkpoint(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["msg"] = "hello" });

        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        ValueAssert.CheckpointEqual(checkpoint, tuple.Checkpoint);
    }

    [Theory, BothModes]
    public virtual async Task Put_then_get_in_child_namespace_returns_same_checkpoint_and_metadata(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var checkpoint = TestData.Checkpoint(
            new Dictionary<string, object?> { ["animals"] = new List<string> { "dog" } },
            versionsSeen: new() { [string.Empty] = new() { ["someChannel"] = "1" } });
        var metadata = TestData.Metadata(CheckpointSource.Input, -1);

        var stored = await saver.PutAsync(TestData.Config(NewThreadId(), "child"), checkpoint, metadata, TestData.AllVersions(checkpoint));
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        ValueAssert.CheckpointEqual(checkpoint, tuple.Checkpoint);
        Assert.Equal(metadata, tuple.Metadata);
    }

    [Theory, BothModes]
    public virtual async Task Put_preserves_string_number_list_and_object_values(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var values = new Dictionary<string, object?>
        {
            ["str_val"] = "hello",
            ["int_val"] = 42L,
            ["list_val"] = new List<long> { 1, 2, 3 },
            ["dict_val"] = new Dictionary<string, object?> { ["nested"] = true },
        };
        var checkpoint = TestData.Checkpoint(values);

        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        ValueAssert.ChannelValuesEqual(values, tuple.Checkpoint.ChannelValues);
        Assert.Equal(true, Assert.IsType<Dictionary<string, object?>>(tuple.Checkpoint.ChannelValues["dict_val"])["nested"]);
    }

    [Theory, BothModes]
    public virtual async Task Put_preserves_channel_versions_exactly(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var versions = new Dictionary<string, string>
        {
            ["a"] = "1",
            ["b"] = "2",
            ["c"] = "00000000000000000000000000000206.0.15568235660527807",
        };
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["a"] = "x", ["b"] = "y", ["c"] = "z" }, versions);

        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), checkpoint, TestData.Metadata(), versions);
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        Assert.Equal(versions, tuple.Checkpoint.ChannelVersions);
        ValueAssert.ChannelValuesEqual(new Dictionary<string, object?> { ["a"] = "x", ["b"] = "y", ["c"] = "z" }, tuple.Checkpoint.ChannelValues);
    }

    [Theory, BothModes]
    public virtual async Task Integer_versions_find_their_values_through_list_copy_and_prune(ApiMode mode)
    {
        // LangGraph.js writes versions as JSON numbers; a thread it shares keeps them, and "10" sorts after "9".
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var config = TestData.Config(threadId);
        var ids = new List<string>();
        for (var step = 1; step <= 10; step++)
        {
            var version = step.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var checkpoint = TestData.Checkpoint(
                new Dictionary<string, object?> { ["counter"] = (long)step, ["fixed"] = "kept" },
                new Dictionary<string, string> { ["counter"] = version, ["fixed"] = "1" },
                new() { ["node"] = new() { ["counter"] = version } });
            var newVersions = new Dictionary<string, string> { ["counter"] = version };
            if (step == 1)
            {
                newVersions["fixed"] = "1";
            }

            config = await saver.PutAsync(config, checkpoint, TestData.Metadata(step: step), newVersions);
            ids.Add(checkpoint.Id);
        }

        var copy = NewThreadId();
        await saver.CopyThreadAsync(threadId, copy);
        await saver.PruneAsync([threadId], PruneStrategy.KeepLatest);

        var listed = await saver.ListAsync(TestData.Config(copy));
        var latest = await saver.GetTupleAsync(TestData.Config(threadId));

        Assert.Equal(Enumerable.Range(1, 10).Reverse().Select(i => (object?)(long)i), listed.Select(t => t.Checkpoint.ChannelValues["counter"]));
        Assert.All(listed, t => Assert.Equal("kept", t.Checkpoint.ChannelValues["fixed"]));
        Assert.NotNull(latest);
        Assert.Equal(ids[^1], latest.Checkpoint.Id);
        Assert.Equal(10L, latest.Checkpoint.ChannelValues["counter"]);
        Assert.Equal("kept", latest.Checkpoint.ChannelValues["fixed"]);
        Assert.Equal(new Dictionary<string, string> { ["counter"] = "10", ["fixed"] = "1" }, latest.Checkpoint.ChannelVersions);
        Assert.Equal("10", latest.Checkpoint.VersionsSeen["node"]["counter"]);
        Assert.Equal("11", saver.Inner.GetNextVersion(latest.Checkpoint.ChannelVersions.Values.Max(Comparer<string>.Create(ChannelVersion.Compare))));
    }

    [Theory, BothModes]
    public virtual async Task Put_preserves_versions_seen_nodes_and_values(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var versionsSeen = new Dictionary<string, Dictionary<string, string>>
        {
            ["node1"] = new() { ["ch_a"] = "1", ["ch_b"] = "2" },
            ["node2"] = new() { ["ch_a"] = "3" },
            ["__input__"] = new(),
        };
        var checkpoint = TestData.Checkpoint(versionsSeen: versionsSeen);

        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), checkpoint, TestData.Metadata(), TestData.NoVersions());
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        Assert.Equal(versionsSeen.Keys.Order(StringComparer.Ordinal), tuple.Checkpoint.VersionsSeen.Keys.Order(StringComparer.Ordinal));
        foreach (var (node, versions) in versionsSeen)
        {
            Assert.Equal(versions, tuple.Checkpoint.VersionsSeen[node]);
        }
    }

    [Theory, BothModes]
    public virtual async Task Put_preserves_format_version_timestamp_updated_channels_and_unknown_fields(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var checkpoint = TestData.Checkpoint(formatVersion: 1);
        checkpoint.Ts = "2024-04-19T17:19:07.952000+00:00";
        checkpoint.UpdatedChannels = ["a", "b"];
        checkpoint.AdditionalFields = new JsonObject
        {
            ["pending_sends"] = new JsonArray(),
            ["custom"] = new JsonObject { ["nested"] = new JsonArray(1, "two", null, true) },
        };

        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), checkpoint, TestData.Metadata(), TestData.NoVersions());
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        ValueAssert.CheckpointEqual(checkpoint, tuple.Checkpoint);
        Assert.Equal(1, tuple.Checkpoint.V);
        Assert.Equal("2024-04-19T17:19:07.952000+00:00", tuple.Checkpoint.Ts);
        Assert.Equal(["a", "b"], tuple.Checkpoint.UpdatedChannels);
    }

    [Theory, BothModes]
    public virtual async Task Put_ignores_extra_configurable_keys(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var checkpoint = TestData.Checkpoint();
        var metadata = TestData.Metadata(CheckpointSource.Input, -1);

        var stored = await saver.PutAsync(TestData.Config(threadId).With("canary", "tweet"), checkpoint, metadata, TestData.NoVersions());
        var tuple = await saver.GetTupleAsync(stored);

        Assert.Equal(new RunConfig(threadId, string.Empty, checkpoint.Id), stored);
        Assert.NotNull(tuple);
        Assert.Equal(metadata, tuple.Metadata);
        Assert.Null(tuple.Metadata["canary"]);
        Assert.Empty(tuple.Config.Configurable);
    }

    [Theory, BothModes]
    public virtual async Task Put_without_thread_id_throws_argument_exception(ApiMode mode)
    {
        var saver = CreateSaver(mode);

        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            saver.PutAsync(new RunConfig(threadId: null), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions()));
        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            saver.PutAsync(new RunConfig(threadId: null, checkpointNs: "child"), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions()));
    }

    [Theory, BothModes]
    public virtual async Task Put_without_config_throws_argument_null_exception(ApiMode mode)
    {
        var saver = CreateSaver(mode);

        await Assert.ThrowsAsync<ArgumentNullException>(() =>
            saver.PutAsync(null!, TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions()));
    }

    [Theory, BothModes]
    public virtual async Task Put_stores_metadata_unchanged(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var metadata = TestData.Metadata(CheckpointSource.Loop, 3, new Dictionary<string, JsonNode?>
        {
            ["run_id"] = "run-1",
            ["score"] = 42,
            ["custom_key"] = "custom_value",
            ["nested"] = new JsonObject { ["a"] = new JsonArray(1, "two", null) },
        });

        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), TestData.Checkpoint(), metadata, TestData.NoVersions());
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        Assert.Equal(metadata, tuple.Metadata);
        Assert.Equal("run-1", tuple.Metadata.RunId);
        Assert.Equal(3, tuple.Metadata.Step);
        Assert.Equal(CheckpointSource.Loop, tuple.Metadata.Source);
        Assert.Equal("custom_value", tuple.Metadata["custom_key"]?.GetValue<string>());
    }

    [Theory, BothModes]
    public virtual async Task Put_chain_on_one_thread_keeps_every_checkpoint_retrievable_by_id(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();

        var configs = await TestData.PutChainAsync(saver, threadId, 3);

        foreach (var (config, step) in configs.Select((c, i) => (c, i)))
        {
            var tuple = await saver.GetTupleAsync(TestData.Config(threadId, checkpointId: config.CheckpointId));
            Assert.NotNull(tuple);
            Assert.Equal(config, tuple.Config);
            Assert.Equal(step, tuple.Metadata.Step);
        }
    }

    [Theory, BothModes]
    public virtual async Task Put_on_two_threads_keeps_their_values_separate(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (first, second) = (NewThreadId(), NewThreadId());
        var checkpoint1 = TestData.Checkpoint(new Dictionary<string, object?> { ["x"] = "thread1" });
        var checkpoint2 = TestData.Checkpoint(new Dictionary<string, object?> { ["x"] = "thread2" });

        await saver.PutAsync(TestData.Config(first), checkpoint1, TestData.Metadata(), TestData.AllVersions(checkpoint1));
        await saver.PutAsync(TestData.Config(second), checkpoint2, TestData.Metadata(), TestData.AllVersions(checkpoint2));
        var tuple1 = await saver.GetTupleAsync(TestData.Config(first));
        var tuple2 = await saver.GetTupleAsync(TestData.Config(second));

        Assert.Equal("thread1", tuple1?.Checkpoint.ChannelValues["x"]);
        Assert.Equal("thread2", tuple2?.Checkpoint.ChannelValues["x"]);
        Assert.Equal(checkpoint1.Id, tuple1?.Checkpoint.Id);
        Assert.Equal(checkpoint2.Id, tuple2?.Checkpoint.Id);
    }

    [Theory, BothModes]
    public virtual async Task Put_records_the_config_checkpoint_id_as_parent(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();

        var first = await saver.PutAsync(TestData.Config(threadId), TestData.Checkpoint(), TestData.Metadata(step: 0), TestData.NoVersions());
        var second = await saver.PutAsync(first, TestData.Checkpoint(), TestData.Metadata(step: 1), TestData.NoVersions());
        var tuple = await saver.GetTupleAsync(second);

        Assert.NotNull(tuple);
        Assert.Equal(first, tuple.ParentConfig);
        Assert.NotEqual(first.CheckpointId, second.CheckpointId);
    }

    [Theory, BothModes]
    public virtual async Task Put_with_only_changed_channels_reads_unchanged_ones_from_their_older_version(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var checkpoint1 = TestData.Checkpoint(
            new Dictionary<string, object?> { ["a"] = "v1", ["b"] = "v2" },
            new Dictionary<string, string> { ["a"] = "1", ["b"] = "1" });
        var checkpoint2 = TestData.Checkpoint(
            new Dictionary<string, object?> { ["a"] = "v1_updated", ["b"] = "v2" },
            new Dictionary<string, string> { ["a"] = "2", ["b"] = "1" });

        var stored1 = await saver.PutAsync(TestData.Config(threadId), checkpoint1, TestData.Metadata(step: 0), TestData.AllVersions(checkpoint1));
        var stored2 = await saver.PutAsync(stored1, checkpoint2, TestData.Metadata(step: 1), new Dictionary<string, string> { ["a"] = "2" });
        var tuple2 = await saver.GetTupleAsync(stored2);
        var tuple1 = await saver.GetTupleAsync(stored1);

        Assert.NotNull(tuple2);
        ValueAssert.ChannelValuesEqual(new Dictionary<string, object?> { ["a"] = "v1_updated", ["b"] = "v2" }, tuple2.Checkpoint.ChannelValues);
        Assert.NotNull(tuple1);
        ValueAssert.ChannelValuesEqual(new Dictionary<string, object?> { ["a"] = "v1", ["b"] = "v2" }, tuple1.Checkpoint.ChannelValues);
    }

    [Theory, BothModes]
    public virtual async Task Put_of_a_channel_new_in_a_later_checkpoint_reads_it_with_the_carried_over_ones(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var checkpoint1 = TestData.Checkpoint(new Dictionary<string, object?> { ["a"] = "v1" });
        var checkpoint2 = TestData.Checkpoint(new Dictionary<string, object?> { ["a"] = "v1", ["b"] = "new_channel" });

        var stored1 = await saver.PutAsync(TestData.Config(threadId), checkpoint1, TestData.Metadata(step: 0), TestData.AllVersions(checkpoint1));
        var stored2 = await saver.PutAsync(stored1, checkpoint2, TestData.Metadata(step: 1), new Dictionary<string, string> { ["b"] = "1" });
        var tuple1 = await saver.GetTupleAsync(stored1);
        var tuple2 = await saver.GetTupleAsync(stored2);

        Assert.NotNull(tuple2);
        ValueAssert.ChannelValuesEqual(new Dictionary<string, object?> { ["a"] = "v1", ["b"] = "new_channel" }, tuple2.Checkpoint.ChannelValues);
        Assert.NotNull(tuple1);
        ValueAssert.ChannelValuesEqual(new Dictionary<string, object?> { ["a"] = "v1" }, tuple1.Checkpoint.ChannelValues);
    }

    [Theory, BothModes]
    public virtual async Task Put_of_a_channel_removed_from_channel_versions_drops_its_value(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var checkpoint1 = TestData.Checkpoint(new Dictionary<string, object?> { ["a"] = "v1", ["b"] = "v2" });
        var checkpoint2 = TestData.Checkpoint(
            new Dictionary<string, object?> { ["a"] = "v1_updated" },
            new Dictionary<string, string> { ["a"] = "2" });

        var stored1 = await saver.PutAsync(TestData.Config(threadId), checkpoint1, TestData.Metadata(step: 0), TestData.AllVersions(checkpoint1));
        var stored2 = await saver.PutAsync(stored1, checkpoint2, TestData.Metadata(step: 1), new Dictionary<string, string> { ["a"] = "2" });
        var tuple2 = await saver.GetTupleAsync(stored2);

        Assert.NotNull(tuple2);
        ValueAssert.ChannelValuesEqual(new Dictionary<string, object?> { ["a"] = "v1_updated" }, tuple2.Checkpoint.ChannelValues);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "2" }, tuple2.Checkpoint.ChannelVersions);
    }

    [Theory, BothModes]
    public virtual async Task Put_stores_values_only_for_channels_named_in_new_versions(ApiMode mode)
    {
        // JS J12: three checkpoints with the same values and versions; only the new versions are written.
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var newVersionsPerPut = new[]
        {
            new Dictionary<string, string>(),
            new Dictionary<string, string> { ["foo"] = "1" },
            new Dictionary<string, string> { ["foo"] = "1", ["baz"] = "1" },
        };
        var expected = new[]
        {
            new Dictionary<string, object?>(),
            new Dictionary<string, object?> { ["foo"] = "bar" },
            new Dictionary<string, object?> { ["foo"] = "bar", ["baz"] = "qux" },
        };

        for (var i = 0; i < newVersionsPerPut.Length; i++)
        {
            var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["foo"] = "bar", ["baz"] = "qux" });
            var stored = await saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(CheckpointSource.Input, -1), newVersionsPerPut[i]);
            var tuple = await saver.GetTupleAsync(stored);

            Assert.NotNull(tuple);
            ValueAssert.ChannelValuesEqual(expected[i], tuple.Checkpoint.ChannelValues);
            Assert.Equal(new Dictionary<string, string> { ["foo"] = "1", ["baz"] = "1" }, tuple.Checkpoint.ChannelVersions);
        }
    }

    [Theory, BothModes]
    public virtual async Task Put_keeps_the_first_value_stored_for_a_channel_version(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var original = TestData.Checkpoint(new Dictionary<string, object?> { ["a"] = "original" });
        var rewrite = TestData.Checkpoint(new Dictionary<string, object?> { ["a"] = "rewritten" });

        var stored1 = await saver.PutAsync(TestData.Config(threadId), original, TestData.Metadata(step: 0), TestData.AllVersions(original));
        var stored2 = await saver.PutAsync(stored1, rewrite, TestData.Metadata(step: 1), TestData.AllVersions(rewrite));

        Assert.Equal("original", (await saver.GetTupleAsync(stored1))?.Checkpoint.ChannelValues["a"]);
        Assert.Equal("original", (await saver.GetTupleAsync(stored2))?.Checkpoint.ChannelValues["a"]);
    }

    [Theory, BothModes]
    public virtual async Task Put_of_a_channel_in_new_versions_without_a_value_reads_back_without_it(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var checkpoint = TestData.Checkpoint(
            new Dictionary<string, object?> { ["present"] = "here" },
            new Dictionary<string, string> { ["present"] = "1", ["absent"] = "1" });

        var stored = await saver.PutAsync(
            TestData.Config(NewThreadId()),
            checkpoint,
            TestData.Metadata(),
            new Dictionary<string, string> { ["present"] = "1", ["absent"] = "1" });
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        ValueAssert.ChannelValuesEqual(new Dictionary<string, object?> { ["present"] = "here" }, tuple.Checkpoint.ChannelValues);
        Assert.Equal(new Dictionary<string, string> { ["present"] = "1", ["absent"] = "1" }, tuple.Checkpoint.ChannelVersions);
    }

    [Theory, BothModes]
    public virtual async Task Put_of_a_null_value_reads_back_as_a_present_null(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["nothing"] = null });

        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        Assert.True(tuple.Checkpoint.ChannelValues.ContainsKey("nothing"));
        Assert.Null(tuple.Checkpoint.ChannelValues["nothing"]);
    }

    [Theory, BothModes]
    public virtual async Task Put_of_an_existing_id_replaces_checkpoint_and_metadata_but_keeps_the_first_parent(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var root = await saver.PutAsync(TestData.Config(threadId), TestData.Checkpoint(), TestData.Metadata(step: 0), TestData.NoVersions());
        var other = await saver.PutAsync(root, TestData.Checkpoint(), TestData.Metadata(step: 1), TestData.NoVersions());
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["a"] = "first" });
        await saver.PutAsync(root, checkpoint, TestData.Metadata(step: 2), TestData.AllVersions(checkpoint));

        var replacement = checkpoint.Clone();
        replacement.ChannelValues["a"] = "second";
        replacement.ChannelVersions["a"] = "2";
        var replacementMetadata = TestData.Metadata(CheckpointSource.Update, 7);
        var stored = await saver.PutAsync(other, replacement, replacementMetadata, new Dictionary<string, string> { ["a"] = "2" });
        var tuple = await saver.GetTupleAsync(stored);
        var listed = await saver.ListAsync(TestData.Config(threadId));

        Assert.NotNull(tuple);
        ValueAssert.CheckpointEqual(replacement, tuple.Checkpoint);
        Assert.Equal(replacementMetadata, tuple.Metadata);
        Assert.Equal(root, tuple.ParentConfig);
        Assert.Equal(3, listed.Count);
    }

    [Theory, BothModes]
    public virtual async Task Put_with_versions_from_get_next_version_reads_back_each_step(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        string? version = null;
        RunConfig? parent = null;
        var stored = new List<(RunConfig Config, string Version)>();

        for (var step = 0; step < 3; step++)
        {
            version = saver.Inner.GetNextVersion(version);
            var checkpoint = TestData.Checkpoint(
                new Dictionary<string, object?> { ["counter"] = (long)step },
                new Dictionary<string, string> { ["counter"] = version });
            parent = await saver.PutAsync(parent ?? TestData.Config(threadId), checkpoint, TestData.Metadata(step: step), TestData.AllVersions(checkpoint));
            stored.Add((parent, version));
        }

        for (var step = 0; step < stored.Count; step++)
        {
            var tuple = await saver.GetTupleAsync(stored[step].Config);
            Assert.NotNull(tuple);
            Assert.Equal((long)step, tuple.Checkpoint.ChannelValues["counter"]);
            Assert.Equal(stored[step].Version, tuple.Checkpoint.ChannelVersions["counter"]);
        }
    }

    [Theory, BothModes]
    public virtual void Get_next_version_increments_the_counter_in_the_form_the_channel_uses(ApiMode mode)
    {
        var saver = CreateSaver(mode).Inner;

        var first = saver.GetNextVersion(null);
        var second = saver.GetNextVersion(first);
        var fromInteger = saver.GetNextVersion("41");
        var fromLangGraph = saver.GetNextVersion("00000000000000000000000000000206.0.15568235660527807");

        Assert.Matches(@"^0{31}1\.\d{16}$", first);
        Assert.Matches(@"^0{31}2\.\d{16}$", second);
        Assert.Equal("42", fromInteger);
        Assert.Matches(@"^0{29}207\.\d{16}$", fromLangGraph);
        Assert.True(string.CompareOrdinal(first, second) < 0);
        Assert.Equal(2, ChannelVersion.GetCounter(second));
    }

    [Theory, BothModes]
    public virtual void Get_next_version_from_the_same_version_twice_gives_distinct_versions(ApiMode mode)
    {
        // The random fraction keeps versions of diverging branches distinct, so their blobs never collide.
        var saver = CreateSaver(mode).Inner;
        var current = saver.GetNextVersion(null);

        var branches = Enumerable.Range(0, 20).Select(_ => saver.GetNextVersion(current)).ToHashSet(StringComparer.Ordinal);

        Assert.True(branches.Count > 1, "Twenty next versions of one version were all identical.");
        Assert.All(branches, v => Assert.Equal(2, ChannelVersion.GetCounter(v)));
    }
}
