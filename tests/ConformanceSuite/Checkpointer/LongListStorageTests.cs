using Microsoft.Extensions.AI;
using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Long lists (a conversation's <c>messages</c>) are stored in content-addressed chunks so each step writes only what
/// changed. Whatever the backend, every read path must return them whole, unchanged channels must keep them,
/// and pruning, copying and deleting runs must never lose a chunk a remaining checkpoint still uses.
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class LongListStorageTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    private const string Messages = "messages";

    [Theory, BothModes]
    public virtual async Task Long_lists_round_trip_through_get_and_list_with_their_versions_unchanged(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { [Messages] = Texts(0, 300), ["counter"] = 1 });

        var stored = await saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));

        var byId = await saver.GetTupleAsync(stored);
        var latest = await saver.GetTupleAsync(TestData.Config(threadId));
        var listed = Assert.Single(await saver.ListAsync(TestData.Config(threadId)));
        foreach (var tuple in new[] { byId, latest, listed })
        {
            Assert.NotNull(tuple);
            ValueAssert.CheckpointEqual(checkpoint, tuple.Checkpoint);
        }
    }

    [Theory, BothModes]
    public virtual async Task A_list_growing_by_one_item_per_step_reads_back_whole_at_every_step(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var steps = new List<(RunConfig Config, List<string> Messages)>();
        RunConfig parent = TestData.Config(threadId);
        string? version = null;
        for (var step = 0; step < 6; step++)
        {
            var messages = Texts(0, 190 + step);
            version = saver.Inner.GetNextVersion(version);
            var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { [Messages] = messages }, new Dictionary<string, string> { [Messages] = version });
            parent = await saver.PutAsync(parent, checkpoint, TestData.Metadata(step: step), TestData.AllVersions(checkpoint));
            steps.Add((parent, messages));
        }

        foreach (var (config, messages) in steps)
        {
            var tuple = await saver.GetTupleAsync(config);
            Assert.NotNull(tuple);
            Assert.Equal(messages, tuple.Checkpoint.ChannelValues[Messages]);
        }
    }

    [Theory, BothModes]
    public virtual async Task A_long_list_written_again_after_another_process_deleted_its_thread_reads_back_whole(ApiMode mode)
    {
        // The saver remembers the chunks it wrote; a backend that skips sending them must notice they are gone.
        var saver = CreateSaver(mode);
        var other = CreateSaver(mode);
        var threadId = NewThreadId();
        var before = TestData.Checkpoint(new Dictionary<string, object?> { [Messages] = Texts(0, 300) }, new Dictionary<string, string> { [Messages] = "1" });
        await saver.PutAsync(TestData.Config(threadId), before, TestData.Metadata(step: 0), TestData.AllVersions(before));
        await other.DeleteThreadAsync(threadId);

        var after = TestData.Checkpoint(new Dictionary<string, object?> { [Messages] = Texts(0, 301) }, new Dictionary<string, string> { [Messages] = "2" });
        var stored = await saver.PutAsync(TestData.Config(threadId), after, TestData.Metadata(step: 1), TestData.AllVersions(after));

        var tuple = await other.GetTupleAsync(stored);
        Assert.NotNull(tuple);
        Assert.Equal(Texts(0, 301), tuple.Checkpoint.ChannelValues[Messages]);
    }

    [Theory, BothModes]
    public virtual async Task An_unchanged_long_list_is_carried_over_even_by_another_saver_instance(ApiMode mode)
    {
        var first = CreateSaver(mode);
        var threadId = NewThreadId();
        var messages = Texts(0, 250);
        var cp1 = TestData.Checkpoint(new Dictionary<string, object?> { [Messages] = messages, ["counter"] = 1 }, new Dictionary<string, string> { [Messages] = "1", ["counter"] = "1" });
        var stored1 = await first.PutAsync(TestData.Config(threadId), cp1, TestData.Metadata(step: 0), TestData.AllVersions(cp1));

        // The next steps change only the counter; the list keeps its version and is not in newVersions.
        var cp2 = TestData.Checkpoint(new Dictionary<string, object?> { [Messages] = messages, ["counter"] = 2 }, new Dictionary<string, string> { [Messages] = "1", ["counter"] = "2" });
        var stored2 = await first.PutAsync(stored1, cp2, TestData.Metadata(step: 1), new Dictionary<string, string> { ["counter"] = "2" });
        var second = CreateSaver(mode);
        var cp3 = TestData.Checkpoint(new Dictionary<string, object?> { [Messages] = messages, ["counter"] = 3 }, new Dictionary<string, string> { [Messages] = "1", ["counter"] = "3" });
        var stored3 = await second.PutAsync(stored2, cp3, TestData.Metadata(step: 2), new Dictionary<string, string> { ["counter"] = "3" });

        foreach (var (config, counter) in new[] { (stored2, 2), (stored3, 3) })
        {
            var tuple = await first.GetTupleAsync(config);
            Assert.NotNull(tuple);
            Assert.Equal(messages, tuple.Checkpoint.ChannelValues[Messages]);
            Assert.Equal(counter, tuple.Checkpoint.ChannelValues["counter"]);
            Assert.Equal(new Dictionary<string, string> { [Messages] = "1", ["counter"] = counter.ToString(System.Globalization.CultureInfo.InvariantCulture) }, tuple.Checkpoint.ChannelVersions);
        }
    }

    [Theory, BothModes]
    public virtual async Task Deleting_runs_and_pruning_keep_the_chunks_remaining_checkpoints_share(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var configs = new List<RunConfig>();
        RunConfig parent = TestData.Config(threadId);
        for (var step = 0; step < 4; step++)
        {
            var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { [Messages] = Texts(0, 200 + step) }, new Dictionary<string, string> { [Messages] = $"{step + 1}" });
            var metadata = TestData.Metadata(step: step, extra: new Dictionary<string, System.Text.Json.Nodes.JsonNode?> { ["run_id"] = $"run-{step}" });
            parent = await saver.PutAsync(parent, checkpoint, metadata, TestData.AllVersions(checkpoint));
            configs.Add(parent);
        }

        await saver.DeleteForRunsAsync(["run-0", "run-1"]);
        var afterRuns = await saver.GetTupleAsync(configs[2]);
        await saver.PruneAsync([threadId], PruneStrategy.KeepLatest);
        var afterPrune = await saver.GetTupleAsync(TestData.Config(threadId));

        Assert.NotNull(afterRuns);
        Assert.Equal(Texts(0, 202), afterRuns.Checkpoint.ChannelValues[Messages]);
        Assert.NotNull(afterPrune);
        Assert.Equal(configs[3].CheckpointId, afterPrune.Checkpoint.Id);
        Assert.Equal(Texts(0, 203), afterPrune.Checkpoint.ChannelValues[Messages]);
    }

    [Theory, BothModes]
    public virtual async Task Copied_threads_read_their_long_lists_whole(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var source = NewThreadId();
        var target = NewThreadId();
        await TestData.PutChainAsync(saver, source, 3, values: step => new Dictionary<string, object?> { [Messages] = Texts(0, 180 + step) });

        await saver.CopyThreadAsync(source, target);
        await saver.DeleteThreadAsync(source);
        var copied = await saver.ListAsync(TestData.Config(target));

        Assert.Equal(3, copied.Count);
        Assert.Equal([Texts(0, 182), Texts(0, 181), Texts(0, 180)], copied.Select(t => t.Checkpoint.ChannelValues[Messages]));
    }

    [Theory, BothModes]
    public virtual async Task Editing_or_removing_items_in_the_middle_of_a_long_list_reads_back_exactly(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var original = Texts(0, 300);
        var edited = original.ToList();
        edited[70] = "edited in place";
        var shortened = edited.Where((_, i) => i != 5).ToList();

        var configs = await TestData.PutChainAsync(saver, threadId, 3, values: step => new Dictionary<string, object?> { [Messages] = step switch { 0 => original, 1 => edited, _ => shortened } });

        Assert.Equal(original, (await saver.GetTupleAsync(configs[0]))!.Checkpoint.ChannelValues[Messages]);
        Assert.Equal(edited, (await saver.GetTupleAsync(configs[1]))!.Checkpoint.ChannelValues[Messages]);
        Assert.Equal(shortened, (await saver.GetTupleAsync(configs[2]))!.Checkpoint.ChannelValues[Messages]);
    }

    [Theory, BothModes]
    public virtual async Task Long_chat_histories_and_arrays_round_trip_with_their_types(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var chat = Enumerable.Range(0, 200)
            .Select(i => new ChatMessage(i % 2 == 0 ? ChatRole.User : ChatRole.Assistant, $"message {i}: " + new string('m', 100)) { MessageId = $"m{i}" })
            .ToList();
        var numbers = Enumerable.Range(0, 5000).Select(i => (long)i * 1_000_003).ToArray();
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { [Messages] = chat, ["numbers"] = numbers });

        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        var loaded = Assert.IsType<List<ChatMessage>>(tuple.Checkpoint.ChannelValues[Messages]);
        Assert.Equal(chat.Select(m => (m.MessageId, m.Role, m.Text)), loaded.Select(m => (m.MessageId, m.Role, m.Text)));
        Assert.Equal(numbers, Assert.IsType<long[]>(tuple.Checkpoint.ChannelValues["numbers"]));
    }

    [Theory, BothModes]
    public virtual async Task Delta_history_returns_a_long_plain_list_seed_whole(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var seed = Texts(0, 400);
        var cp0 = TestData.Checkpoint(new Dictionary<string, object?> { ["ch"] = seed });
        var first = await saver.PutAsync(TestData.Config(threadId), cp0, TestData.Metadata(step: 0), TestData.AllVersions(cp0));
        await saver.PutWritesAsync(first, [new ChannelWrite("ch", "after-seed")], "task-a");
        var head = await saver.PutAsync(first, TestData.Checkpoint(), TestData.Metadata(step: 1), TestData.NoVersions());

        var history = await saver.GetDeltaChannelHistoryAsync(head, ["ch"]);

        Assert.True(history["ch"].HasSeed);
        Assert.Equal(seed, history["ch"].Seed);
        Assert.Equal(["after-seed"], history["ch"].Writes.Select(w => w.Value));
    }

    [Theory, BothModes]
    public virtual async Task Channel_names_starting_with_U0001_are_reserved(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["\u00010\u0001messages"] = "x" });

        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint)));
        Assert.Null(await saver.GetTupleAsync(TestData.Config(threadId)));
    }

    /// <summary>Distinct strings of about 120 characters: a list of a few hundred is well past the chunking threshold.</summary>
    private static List<string> Texts(int from, int count) =>
        [.. Enumerable.Range(from, count).Select(i => $"item {i:D5} " + new string((char)('a' + (i % 26)), 110))];
}
