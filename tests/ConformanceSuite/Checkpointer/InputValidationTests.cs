using System.Text.Json.Nodes;
using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Bad and awkward input: NUL characters in identifiers are refused with <see cref="ArgumentException"/> and nothing
/// is stored; identifiers with SQL, LIKE, GLOB and regex metacharacters, braces, colons, spaces, emoji, case and
/// normalization variants and 10,000 characters are stored verbatim and stay isolated; metadata filter keys are data;
/// NUL in metadata values and keys follows <see cref="BackendCapabilities.PreservesNulInJsonStrings"/> and
/// <see cref="BackendCapabilities.PreservesNulInJsonKeys"/> (both branches are asserted, never skipped); bad limits,
/// missing arguments and disposed savers throw (contract: Identifiers, List, Pending writes; JS J32).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class InputValidationTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    private static readonly string[] Metacharacters =
    [
        "'", "''", "\"", "`", "%", "_", "*", "?", "[", "]", "[a-z]", "^", "$", ".", ".*", "+", "(", ")", "|", "\\", "/",
        "{", "}", "{}", "{thread}", ":", "::", " ", "  leading and trailing  ", "\t", "#", "--", ";", "'; DROP TABLE checkpoints; --",
        "\" OR \"1\"=\"1", "${HOME}", "@", "&", "=", "<>", "🚀", "👩‍👩‍👧‍👦", "مرحبا", "日本", "Ünïcødé",
    ];

    private static readonly string LongIdentifier = string.Concat(Enumerable.Repeat("0123456789", 1000));

    [Theory, BothModes]
    public virtual async Task Nul_in_thread_id_throws_and_stores_nothing(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var prefix = NewThreadId();

        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            saver.PutAsync(TestData.Config(prefix + "\0tail"), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions()));

        Assert.Null(await saver.GetTupleAsync(TestData.Config(prefix)));
        Assert.Null(await saver.GetTupleAsync(TestData.Config(prefix + "tail")));
        Assert.Null(await saver.GetTupleAsync(TestData.Config(prefix + " tail")));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.GetTupleAsync(TestData.Config(prefix + "\0tail")));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.ListAsync(TestData.Config(prefix + "\0tail")));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.DeleteThreadAsync(prefix + "\0tail"));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.CopyThreadAsync(prefix + "\0tail", NewThreadId()));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.CopyThreadAsync(NewThreadId(), prefix + "\0tail"));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PruneAsync([prefix + "\0tail"], PruneStrategy.KeepLatest));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.GetDeltaChannelHistoryAsync(TestData.Config(prefix + "\0tail"), ["ch"]));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.ListThreadsAsync(new ThreadListOptions { After = prefix + "\0" }));
    }

    [Theory, BothModes]
    public virtual async Task Nul_in_namespace_throws_and_stores_nothing(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();

        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            saver.PutAsync(TestData.Config(threadId, "child\0x"), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions()));

        Assert.Empty(await saver.ListAsync(new RunConfig(threadId, checkpointNs: null)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.GetTupleAsync(TestData.Config(threadId, "child\0x")));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.ListAsync(TestData.Config(threadId, "\0")));
    }

    [Theory, BothModes]
    public virtual async Task Nul_in_checkpoint_id_throws_and_stores_nothing(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var checkpoint = TestData.Checkpoint();
        checkpoint.Id = "id\0tail";

        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.NoVersions()));
        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            saver.PutAsync(TestData.Config(threadId, checkpointId: "parent\0"), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions()));

        Assert.Empty(await saver.ListAsync(new RunConfig(threadId, checkpointNs: null)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.GetTupleAsync(TestData.Config(threadId, checkpointId: "id\0tail")));
        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            saver.ListAsync(TestData.Config(threadId), new CheckpointListOptions { Before = TestData.Config(threadId, checkpointId: "\0") }));
    }

    [Theory, BothModes]
    public virtual async Task Nul_in_channel_names_throws_and_stores_nothing(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var inNewVersions = TestData.Checkpoint(new Dictionary<string, object?> { ["ch\0x"] = "v" });
        var inVersionsOnly = TestData.Checkpoint(versions: new Dictionary<string, string> { ["ch\0y"] = "1" });
        var inVersionsSeen = TestData.Checkpoint(versionsSeen: new() { ["node"] = new() { ["ch\0z"] = "1" } });
        var nulVersion = TestData.Checkpoint(new Dictionary<string, object?> { ["ch"] = "v" }, new Dictionary<string, string> { ["ch"] = "1\0" });

        foreach (var checkpoint in new[] { inNewVersions, inVersionsOnly, inVersionsSeen, nulVersion })
        {
            await Assert.ThrowsAnyAsync<ArgumentException>(() =>
                saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint)));
        }

        Assert.Empty(await saver.ListAsync(new RunConfig(threadId, checkpointNs: null)));
    }

    [Theory, BothModes]
    public virtual async Task Nul_in_task_id_channel_or_task_path_of_a_write_throws_and_stores_nothing(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());

        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PutWritesAsync(stored, [new("ch", "v")], "task\0x"));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PutWritesAsync(stored, [new("ok", "v"), new("ch\0x", "v")], "task"));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PutWritesAsync(stored, [new("ch", "v")], "task", "path\0x"));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PutWritesAsync(stored with { CheckpointId = stored.CheckpointId + "\0" }, [new("ch", "v")], "task"));
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        Assert.Empty(tuple.PendingWrites);
    }

    [Theory, BothModes]
    public virtual async Task Nul_in_run_ids_and_filter_keys_throws(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var stored = await saver.PutAsync(
            TestData.Config(threadId),
            TestData.Checkpoint(),
            TestData.Metadata(extra: new Dictionary<string, JsonNode?> { ["run_id"] = "run" }),
            TestData.NoVersions());

        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.DeleteForRunsAsync(["run\0"]));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.DeleteForRunsAsync(["run", "other\0"]));
        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            saver.ListAsync(TestData.Config(threadId), new CheckpointListOptions { Filter = new Dictionary<string, JsonNode?> { ["key\0"] = "x" } }));

        // A rejected run list deletes nothing, not even the valid run in it.
        Assert.Equal(stored, (await saver.GetTupleAsync(stored))?.Config);
    }

    [Theory, BothModes]
    public virtual async Task Thread_ids_with_metacharacters_are_stored_verbatim(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var prefix = NewThreadId();
        foreach (var suffix in Metacharacters.Append(LongIdentifier))
        {
            var threadId = prefix + suffix;
            var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["who"] = suffix });
            var stored = await saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
            await saver.PutWritesAsync(stored, [new("ch", suffix)], "task");

            var tuple = await saver.GetTupleAsync(TestData.Config(threadId));
            var listed = await saver.ListAsync(new RunConfig(threadId, checkpointNs: null));

            Assert.Equal(new RunConfig(threadId, string.Empty, checkpoint.Id), stored);
            Assert.NotNull(tuple);
            Assert.Equal(threadId, tuple.Config.ThreadId);
            Assert.Equal(suffix, tuple.Checkpoint.ChannelValues["who"]);
            Assert.Equal(suffix, Assert.Single(tuple.PendingWrites).Value);
            Assert.Equal([stored], listed.Select(t => t.Config));
        }
    }

    [Theory, BothModes]
    public virtual async Task Namespaces_checkpoint_ids_task_ids_task_paths_and_channels_with_metacharacters_are_stored_verbatim(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        foreach (var (text, index) in Metacharacters.Append(LongIdentifier).Select((t, i) => (t, i)))
        {
            var checkpointNs = "ns" + text;
            var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["ch" + text] = text });
            checkpoint.Id = $"{index:D3}{text}";
            var stored = await saver.PutAsync(TestData.Config(threadId, checkpointNs), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
            await saver.PutWritesAsync(stored, [new("w" + text, text)], "task" + text, "path" + text);

            var tuple = await saver.GetTupleAsync(TestData.Config(threadId, checkpointNs, checkpoint.Id));

            Assert.Equal(new RunConfig(threadId, checkpointNs, checkpoint.Id), stored);
            Assert.NotNull(tuple);
            Assert.Equal(stored, tuple.Config);
            ValueAssert.ChannelValuesEqual(new Dictionary<string, object?> { ["ch" + text] = text }, tuple.Checkpoint.ChannelValues);
            TupleAssert.PendingWritesEqual([new("task" + text, "w" + text, text, "path" + text)], tuple.PendingWrites);
        }

        var all = await saver.ListAsync(new RunConfig(threadId, checkpointNs: null));
        Assert.Equal(Metacharacters.Length + 1, all.Count);
    }

    [Theory, BothModes]
    public virtual async Task Deleting_a_thread_whose_id_is_a_pattern_leaves_matching_threads_intact(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var prefix = NewThreadId();
        var similar = prefix + "ab";
        var similarConfig = await saver.PutAsync(TestData.Config(similar), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());
        foreach (var pattern in new[] { "a%", "a_", "a*", "a?", "a[b]", "a.", "a.*", "%", "*", "_b" })
        {
            await saver.PutAsync(TestData.Config(prefix + pattern), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());

            await saver.DeleteThreadAsync(prefix + pattern);
            await saver.PruneAsync([prefix + pattern + "x"], PruneStrategy.DeleteAll);

            Assert.Null(await saver.GetTupleAsync(TestData.Config(prefix + pattern)));
            Assert.Equal(similarConfig, (await saver.GetTupleAsync(TestData.Config(similar)))?.Config);
        }
    }

    [Theory, BothModes]
    public virtual async Task Listing_a_thread_or_namespace_whose_name_is_a_pattern_returns_only_exact_matches(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var prefix = NewThreadId();
        await saver.PutAsync(TestData.Config(prefix + "ab"), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());
        await saver.PutAsync(TestData.Config(prefix + "a_", "child1"), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());
        var exact = await saver.PutAsync(TestData.Config(prefix + "a_", "child%"), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());

        var byThread = await saver.ListAsync(TestData.Config(prefix + "a_", checkpointNs: null));
        var byNamespace = await saver.ListAsync(TestData.Config(prefix + "a_", "child%"));
        var byOtherPatterns = await saver.ListAsync(TestData.Config(prefix + "a_", "child_"));
        var byUnknownThread = await saver.ListAsync(TestData.Config(prefix + "a%", checkpointNs: null));

        Assert.Equal(2, byThread.Count);
        Assert.All(byThread, t => Assert.Equal(prefix + "a_", t.Config.ThreadId));
        Assert.Equal([exact], byNamespace.Select(t => t.Config));
        Assert.Empty(byOtherPatterns);
        Assert.Empty(byUnknownThread);
    }

    [Theory, BothModes]
    public virtual async Task A_checkpoint_id_that_is_a_pattern_addresses_only_itself(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var checkpoint = TestData.Checkpoint();
        checkpoint.Id = "idX";
        await saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.NoVersions());

        foreach (var pattern in new[] { "id%", "id_", "id*", "id?", "id[X]", "id.", "IDX", "idx", "idX " })
        {
            Assert.Null(await saver.GetTupleAsync(TestData.Config(threadId, checkpointId: pattern)));
            Assert.Empty(await saver.ListAsync(TestData.Config(threadId, string.Empty, pattern)));
        }
    }

    [Theory, BothModes]
    public virtual async Task Copy_prune_and_delete_for_runs_with_pattern_ids_touch_only_exact_matches(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var prefix = NewThreadId();
        var run = "run-" + Guid.NewGuid().ToString("N");
        var similar = await TestData.PutChainAsync(saver, prefix + "ab", 2, metadata: step => RunMetadata(run + "1", step));
        await TestData.PutChainAsync(saver, prefix + "a%", 2, metadata: step => RunMetadata(run + "%", step));
        var target = NewThreadId();

        await saver.CopyThreadAsync(prefix + "a%", target);
        var copied = await saver.ListAsync(TestData.Config(target));
        await saver.PruneAsync([prefix + "a%"], PruneStrategy.KeepLatest);
        var pruned = await saver.ListAsync(TestData.Config(prefix + "a%"));
        await saver.DeleteForRunsAsync([run + "%", run + "_"]);

        Assert.Equal(2, copied.Count);
        Assert.All(copied, t => Assert.Equal(run + "%", t.Metadata.RunId));
        Assert.Single(pruned);
        Assert.Empty(await saver.ListAsync(TestData.Config(prefix + "a%")));
        Assert.Empty(await saver.ListAsync(TestData.Config(target)));
        Assert.Equal(Enumerable.Reverse(similar), (await saver.ListAsync(TestData.Config(prefix + "ab"))).Select(t => t.Config));
    }

    [Theory, BothModes]
    public virtual async Task Identifiers_differing_only_in_case_spacing_or_normalization_are_distinct(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var prefix = NewThreadId();
        string[] variants = ["thread", "Thread", "THREAD", "thread ", " thread", "caf\u00e9", "cafe\u0301", "ﬁ", "fi", "ß", "ss", "İ", "i"];
        foreach (var variant in variants)
        {
            var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["who"] = variant });
            await saver.PutAsync(TestData.Config(prefix + variant, variant), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        }

        foreach (var variant in variants)
        {
            var listed = await saver.ListAsync(new RunConfig(prefix + variant, checkpointNs: null));
            var tuple = Assert.Single(listed);
            Assert.Equal(prefix + variant, tuple.Config.ThreadId);
            Assert.Equal(variant, tuple.Config.CheckpointNs);
            Assert.Equal(variant, tuple.Checkpoint.ChannelValues["who"]);
        }
    }

    [Theory, BothModes]
    public virtual async Task Long_identifiers_that_differ_only_at_the_end_are_distinct(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId() + LongIdentifier;
        foreach (var last in new[] { "A", "B" })
        {
            var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { [LongIdentifier + last] = last });
            checkpoint.Id = LongIdentifier + last;
            var stored = await saver.PutAsync(TestData.Config(threadId + last, LongIdentifier + last), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
            await saver.PutWritesAsync(stored, [new(LongIdentifier + last, last)], LongIdentifier + last, LongIdentifier + last);
        }

        foreach (var last in new[] { "A", "B" })
        {
            var tuple = Assert.Single(await saver.ListAsync(new RunConfig(threadId + last, checkpointNs: null)));
            Assert.Equal(new RunConfig(threadId + last, LongIdentifier + last, LongIdentifier + last), tuple.Config);
            ValueAssert.ChannelValuesEqual(new Dictionary<string, object?> { [LongIdentifier + last] = last }, tuple.Checkpoint.ChannelValues);
            TupleAssert.PendingWritesEqual([new(LongIdentifier + last, LongIdentifier + last, last, LongIdentifier + last)], tuple.PendingWrites);
        }
    }

    [Theory, BothModes]
    public virtual async Task Metadata_filter_keys_and_values_with_metacharacters_are_data(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var tricky = new Dictionary<string, JsonNode?>
        {
            ["a.b"] = 1,
            ["a"] = new JsonObject { ["b"] = 2 },
            ["$gt"] = "x",
            ["$where"] = "this.a == 1",
            ["k'ey"] = "v'al",
            ["x\") OR 1=1 --"] = true,
            ["%"] = "%",
            ["_"] = "_",
            ["*"] = "[",
            ["{}"] = "{}",
            ["sp ace"] = "🚀",
        };
        var stored = await saver.PutAsync(TestData.Config(threadId), TestData.Checkpoint(), TestData.Metadata(extra: tricky), TestData.NoVersions());
        var plain = await saver.PutAsync(
            TestData.Config(threadId),
            TestData.Checkpoint(),
            TestData.Metadata(extra: new Dictionary<string, JsonNode?> { ["a"] = new JsonObject { ["b"] = 1 }, ["ab"] = "%", ["k"] = "v" }),
            TestData.NoVersions());

        foreach (var (key, value) in tricky)
        {
            var results = await saver.ListAsync(TestData.Config(threadId), new CheckpointListOptions { Filter = new Dictionary<string, JsonNode?> { [key] = value?.DeepClone() } });
            Assert.Equal([stored], results.Select(t => t.Config));
        }

        var tuple = await saver.GetTupleAsync(stored);
        Assert.NotNull(tuple);
        Assert.Equal(TestData.Metadata(extra: tricky), tuple.Metadata);
        Assert.Empty(await saver.ListAsync(TestData.Config(threadId), FilterOf("a.b", 2)));
        Assert.Empty(await saver.ListAsync(TestData.Config(threadId), FilterOf("%", "x")));
        Assert.Empty(await saver.ListAsync(TestData.Config(threadId), FilterOf("k'ey", "' OR '1'='1")));
        Assert.Empty(await saver.ListAsync(TestData.Config(threadId), FilterOf("$gt", new JsonObject { ["$gt"] = string.Empty })));
        Assert.Equal([plain], (await saver.ListAsync(TestData.Config(threadId), FilterOf("ab", "%"))).Select(t => t.Config));
    }

    [Theory, BothModes]
    public virtual async Task Nul_in_metadata_values_round_trips_or_is_refused_per_capability(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var metadata = TestData.Metadata(extra: new Dictionary<string, JsonNode?>
        {
            ["note"] = "before\0after",
            ["nested"] = new JsonObject { ["list"] = new JsonArray("x\0y") },
        });

        if (Capabilities.PreservesNulInJsonStrings)
        {
            var stored = await saver.PutAsync(TestData.Config(threadId), TestData.Checkpoint(), metadata, TestData.NoVersions());
            var tuple = await saver.GetTupleAsync(stored);
            var filtered = await saver.ListAsync(TestData.Config(threadId), FilterOf("note", "before\0after"));

            Assert.NotNull(tuple);
            Assert.Equal(metadata, tuple.Metadata);
            Assert.Equal("before\0after", tuple.Metadata["note"]?.GetValue<string>());
            Assert.Equal([stored], filtered.Select(t => t.Config));
        }
        else
        {
            await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PutAsync(TestData.Config(threadId), TestData.Checkpoint(), metadata, TestData.NoVersions()));

            Assert.Empty(await saver.ListAsync(new RunConfig(threadId, checkpointNs: null)));
        }
    }

    [Theory, BothModes]
    public virtual async Task Nul_in_metadata_keys_round_trips_or_is_refused_per_capability(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var metadata = TestData.Metadata(extra: new Dictionary<string, JsonNode?> { ["key\0with nul"] = "value" });

        if (Capabilities.PreservesNulInJsonKeys)
        {
            var stored = await saver.PutAsync(TestData.Config(threadId), TestData.Checkpoint(), metadata, TestData.NoVersions());

            Assert.Equal(metadata, (await saver.GetTupleAsync(stored))?.Metadata);
        }
        else
        {
            await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PutAsync(TestData.Config(threadId), TestData.Checkpoint(), metadata, TestData.NoVersions()));

            Assert.Empty(await saver.ListAsync(new RunConfig(threadId, checkpointNs: null)));
        }
    }

    [Theory, BothModes]
    public virtual async Task Empty_identifiers_throw_and_store_nothing(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var emptyId = TestData.Checkpoint();
        emptyId.Id = string.Empty;
        var emptyChannel = TestData.Checkpoint(new Dictionary<string, object?> { [string.Empty] = "v" });
        var emptyVersion = TestData.Checkpoint(new Dictionary<string, object?> { ["ch"] = "v" }, new Dictionary<string, string> { ["ch"] = string.Empty });

        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PutAsync(TestData.Config(string.Empty), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions()));
        foreach (var checkpoint in new[] { emptyId, emptyChannel, emptyVersion })
        {
            await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint)));
        }

        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.DeleteThreadAsync(string.Empty));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.DeleteForRunsAsync([string.Empty]));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PruneAsync([string.Empty], PruneStrategy.KeepLatest));
        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            saver.ListAsync(TestData.Config(threadId), new CheckpointListOptions { Filter = new Dictionary<string, JsonNode?> { [string.Empty] = "x" } }));
        Assert.Empty(await saver.ListAsync(new RunConfig(threadId, checkpointNs: null)));
    }

    [Theory, BothModes]
    public virtual async Task Unpaired_surrogates_in_identifiers_throw_and_store_nothing(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var stored = await saver.PutAsync(TestData.Config(threadId), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());
        var brokenChannel = TestData.Checkpoint(new Dictionary<string, object?> { ["ch\uD800"] = "v" });

        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PutAsync(TestData.Config(threadId + "\uD800"), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions()));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PutAsync(TestData.Config(threadId, "child\uDC00"), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions()));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PutAsync(TestData.Config(threadId), brokenChannel, TestData.Metadata(), TestData.AllVersions(brokenChannel)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PutWritesAsync(stored, [new ChannelWrite("ch", "v")], "task\uD83D"));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.DeleteThreadAsync(threadId + "\uDFFF"));

        var all = await saver.ListAsync(new RunConfig(threadId, checkpointNs: null));
        Assert.Equal([stored.CheckpointId], all.Select(t => t.Checkpoint.Id));
        Assert.Empty(all[0].PendingWrites);
    }

    [Theory, BothModes]
    public virtual async Task Listing_with_an_empty_thread_id_throws_instead_of_listing_every_thread(ApiMode mode)
    {
        var saver = CreateSaver(mode);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.ListAsync(new RunConfig(string.Empty)));
        Assert.Null(await saver.GetTupleAsync(new RunConfig(string.Empty)));
    }

    [Theory, BothModes]
    public virtual async Task Missing_arguments_throw_argument_null_exception(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var config = TestData.Config(NewThreadId());

        await Assert.ThrowsAsync<ArgumentNullException>(() => saver.PutAsync(config, null!, TestData.Metadata(), TestData.NoVersions()));
        await Assert.ThrowsAsync<ArgumentNullException>(() => saver.PutAsync(config, TestData.Checkpoint(), null!, TestData.NoVersions()));
        await Assert.ThrowsAsync<ArgumentNullException>(() => saver.PutAsync(config, TestData.Checkpoint(), TestData.Metadata(), null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => saver.PutWritesAsync(config with { CheckpointId = "id" }, null!, "task"));
        await Assert.ThrowsAsync<ArgumentNullException>(() => saver.GetTupleAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => saver.DeleteForRunsAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => saver.PruneAsync(null!, PruneStrategy.KeepLatest));
        await Assert.ThrowsAsync<ArgumentNullException>(() => saver.GetDeltaChannelHistoryAsync(config, null!));
        Assert.Empty(await saver.ListAsync(config));
    }

    [Theory, BothModes]
    public virtual async Task Negative_limit_throws_argument_exception(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        await TestData.PutChainAsync(saver, threadId, 2);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.ListAsync(TestData.Config(threadId), new CheckpointListOptions { Limit = -1 }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.ListAsync(null, new CheckpointListOptions { Limit = int.MinValue }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.ListThreadsAsync(new ThreadListOptions { Limit = -5 }));
    }

    [Theory, BothModes]
    public virtual async Task A_disposed_saver_throws_object_disposed_exception_for_every_operation(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var stored = await saver.PutAsync(TestData.Config(threadId), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());
        await saver.Inner.DisposeAsync();
        saver.Inner.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => saver.GetTupleAsync(stored));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => saver.GetAsync(stored));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => saver.ListAsync(TestData.Config(threadId)));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => saver.PutAsync(TestData.Config(threadId), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions()));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => saver.PutWritesAsync(stored, [new("ch", "v")], "task"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => saver.DeleteThreadAsync(threadId));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => saver.DeleteForRunsAsync(["run"]));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => saver.CopyThreadAsync(threadId, NewThreadId()));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => saver.PruneAsync([threadId], PruneStrategy.KeepLatest));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => saver.ListThreadsAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => saver.GetDeltaChannelHistoryAsync(stored, ["ch"]));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => saver.SetupAsync());

        var fresh = CreateSaver(mode);
        Assert.Equal(stored, (await fresh.GetTupleAsync(stored))?.Config);
    }

    private static CheckpointMetadata RunMetadata(string runId, int step) =>
        TestData.Metadata(step: step, extra: new Dictionary<string, JsonNode?> { ["run_id"] = runId });

    private static CheckpointListOptions FilterOf(string key, JsonNode? value) =>
        new() { Filter = new Dictionary<string, JsonNode?> { [key] = value } };
}
