using Checkpoint.Providers;
using Microsoft.Extensions.AI;
using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Every saver caches the chunks of long lists it wrote or read, keyed by their content. The cache must be invisible:
/// a caller changing what it passed or got never changes what a later read returns, and another saver instance (or
/// process) deleting, rewriting, pruning or copying a thread never makes a read stale or a checkpoint unreadable.
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class ChunkCacheTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    private const string Messages = "messages";

    [Theory, BothModes]
    public virtual async Task Changing_a_list_and_its_messages_after_reading_them_never_changes_a_later_read(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var chat = Chat(0, 200);
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { [Messages] = chat });
        await saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));

        var first = Assert.IsType<List<ChatMessage>>((await saver.GetTupleAsync(TestData.Config(threadId)))!.Checkpoint.ChannelValues[Messages]);
        first[3].Contents.Add(new TextContent(" and more"));
        first[4].Role = ChatRole.System;
        (first[5].AdditionalProperties ??= [])["changed"] = true;
        first.RemoveAt(0);
        var listed = Assert.IsType<List<ChatMessage>>(Assert.Single(await saver.ListAsync(TestData.Config(threadId))).Checkpoint.ChannelValues[Messages]);
        listed[7].MessageId = "changed";

        var again = (await saver.GetTupleAsync(TestData.Config(threadId)))!.Checkpoint.ChannelValues[Messages];
        var relisted = Assert.Single(await saver.ListAsync(TestData.Config(threadId))).Checkpoint.ChannelValues[Messages];
        AssertSameChat(Chat(0, 200), again);
        AssertSameChat(Chat(0, 200), relisted);
    }

    [Theory, BothModes]
    public virtual async Task Changing_the_checkpoint_a_warm_read_returned_never_changes_a_later_read(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var checkpoint = TestData.Checkpoint(
            new Dictionary<string, object?> { [Messages] = Chat(0, 100), ["step"] = 3 },
            versionsSeen: new() { ["agent"] = new() { [Messages] = "1" } });
        checkpoint.UpdatedChannels = [Messages];
        var stored = await saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));

        for (var read = 0; read < 2; read++)
        {
            var got = (await saver.GetTupleAsync(stored))!.Checkpoint;
            got.ChannelVersions[Messages] = "changed";
            got.ChannelVersions.Remove("step");
            got.VersionsSeen["agent"][Messages] = "changed";
            got.VersionsSeen["other"] = [];
            got.UpdatedChannels!.Add("step");
            got.Ts = "changed";
        }

        var again = (await saver.GetTupleAsync(stored))!.Checkpoint;
        Assert.Equal(new Dictionary<string, string> { [Messages] = "1", ["step"] = "1" }, again.ChannelVersions);
        Assert.Equal(["agent"], again.VersionsSeen.Keys);
        Assert.Equal("1", again.VersionsSeen["agent"][Messages]);
        Assert.Equal([Messages], again.UpdatedChannels);
        Assert.Equal(checkpoint.Ts, again.Ts);
        AssertSameChat(Chat(0, 100), again.ChannelValues[Messages]);
    }

    [Theory, BothModes]
    public virtual async Task A_checkpoint_rewritten_by_another_saver_under_the_same_id_reads_with_its_new_versions(ApiMode mode)
    {
        var a = CreateSaver(mode);
        var b = CreateSaver(mode);
        var threadId = NewThreadId();
        var original = TestData.Checkpoint(new Dictionary<string, object?> { ["step"] = 1 }, versionsSeen: new() { ["agent"] = new() { ["step"] = "1" } });
        var stored = await a.PutAsync(TestData.Config(threadId), original, TestData.Metadata(), TestData.AllVersions(original));
        _ = await a.GetTupleAsync(stored);
        _ = await a.GetTupleAsync(stored);

        await b.DeleteThreadAsync(threadId);
        var replacement = TestData.Checkpoint(new Dictionary<string, object?> { ["step"] = 2 }, new Dictionary<string, string> { ["step"] = "2" }, new() { ["agent"] = new() { ["step"] = "2" } });
        replacement.Id = original.Id;
        await b.PutAsync(TestData.Config(threadId), replacement, TestData.Metadata(), TestData.AllVersions(replacement));

        var read = (await a.GetTupleAsync(stored))!.Checkpoint;
        Assert.Equal("2", read.ChannelVersions["step"]);
        Assert.Equal("2", read.VersionsSeen["agent"]["step"]);
        Assert.Equal(2, Convert.ToInt32(read.ChannelValues["step"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory, BothModes]
    public virtual async Task Changing_a_list_after_putting_it_never_changes_what_was_stored(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var chat = Chat(0, 200);
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { [Messages] = chat });
        var stored = await saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));

        chat[10].Contents.Clear();
        chat[11].Role = ChatRole.Tool;
        chat.Add(new ChatMessage(ChatRole.User, "added after the put"));

        AssertSameChat(Chat(0, 200), (await saver.GetTupleAsync(stored))!.Checkpoint.ChannelValues[Messages]);
        AssertSameChat(Chat(0, 200), (await CreateSaver(mode).GetTupleAsync(stored))!.Checkpoint.ChannelValues[Messages]);
    }

    [Theory, BothModes]
    public virtual async Task A_message_changed_in_place_between_two_puts_is_stored_as_changed(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var chat = Chat(0, 200);
        var first = TestData.Checkpoint(new Dictionary<string, object?> { [Messages] = chat }, new Dictionary<string, string> { [Messages] = "1" });
        var parent = await saver.PutAsync(TestData.Config(threadId), first, TestData.Metadata(step: 0), TestData.AllVersions(first));

        // The same message objects, one of them edited in place: the saver must notice, not reuse what it stored.
        chat[100].Contents[0] = new TextContent("redacted");
        chat[150].Role = new ChatRole("USER");
        chat.Add(new ChatMessage(ChatRole.Assistant, "one more") { MessageId = "extra" });
        var second = TestData.Checkpoint(new Dictionary<string, object?> { [Messages] = chat }, new Dictionary<string, string> { [Messages] = "2" });
        var stored = await saver.PutAsync(parent, second, TestData.Metadata(step: 1), TestData.AllVersions(second));

        var expected = Chat(0, 200);
        expected[100].Contents[0] = new TextContent("redacted");
        expected[150].Role = new ChatRole("USER");
        expected.Add(new ChatMessage(ChatRole.Assistant, "one more") { MessageId = "extra" });
        AssertSameChat(expected, (await CreateSaver(mode).GetTupleAsync(stored))!.Checkpoint.ChannelValues[Messages]);
        AssertSameChat(expected, (await saver.GetTupleAsync(stored))!.Checkpoint.ChannelValues[Messages]);
        AssertSameChat(Chat(0, 200), (await CreateSaver(mode).GetTupleAsync(parent))!.Checkpoint.ChannelValues[Messages]);
    }

    [Theory, BothModes]
    public virtual async Task An_unchanged_list_put_after_another_saver_rewrote_the_thread_at_the_same_version_stays_readable(ApiMode mode)
    {
        // The known failure: saver A remembered the chunks of (thread, channel, version); B deleted the thread and
        // wrote a different long list at the same version; A's next put of the unchanged channel referenced chunks
        // that no longer existed, and the thread's latest checkpoint could not be read.
        var a = CreateSaver(mode);
        var b = CreateSaver(mode);
        var threadId = NewThreadId();
        var listA = Texts("a", 300);
        var first = TestData.Checkpoint(new Dictionary<string, object?> { [Messages] = listA, ["counter"] = 1 }, new Dictionary<string, string> { [Messages] = "1", ["counter"] = "1" });
        var fromA = await a.PutAsync(TestData.Config(threadId), first, TestData.Metadata(step: 0), TestData.AllVersions(first));

        await b.DeleteThreadAsync(threadId);
        var listB = Texts("b", 280);
        var rewritten = TestData.Checkpoint(new Dictionary<string, object?> { [Messages] = listB, ["counter"] = 1 }, new Dictionary<string, string> { [Messages] = "1", ["counter"] = "1" });
        var fromB = await b.PutAsync(TestData.Config(threadId), rewritten, TestData.Metadata(step: 0), TestData.AllVersions(rewritten));

        var next = TestData.Checkpoint(new Dictionary<string, object?> { [Messages] = listA, ["counter"] = 2 }, new Dictionary<string, string> { [Messages] = "1", ["counter"] = "2" });
        var latest = await a.PutAsync(fromA, next, TestData.Metadata(step: 1), new Dictionary<string, string> { ["counter"] = "2" });

        foreach (var reader in new[] { a, b, CreateSaver(mode) })
        {
            var tuple = await reader.GetTupleAsync(TestData.Config(threadId));
            Assert.NotNull(tuple);
            Assert.Equal(latest.CheckpointId, tuple.Checkpoint.Id);
            Assert.Equal(listA, tuple.Checkpoint.ChannelValues[Messages]);
            Assert.Equal(2, tuple.Checkpoint.ChannelValues["counter"]);
            Assert.Equal(listB, (await reader.GetTupleAsync(fromB))!.Checkpoint.ChannelValues[Messages]);
        }
    }

    [Theory, BothModes]
    public virtual async Task A_thread_rewritten_by_another_saver_with_the_same_ids_and_versions_reads_as_rewritten(ApiMode mode)
    {
        var a = CreateSaver(mode);
        var b = CreateSaver(mode);
        var threadId = NewThreadId();
        var original = TestData.Checkpoint(new Dictionary<string, object?> { [Messages] = Texts("old", 300) });
        var stored = await a.PutAsync(TestData.Config(threadId), original, TestData.Metadata(), TestData.AllVersions(original));
        Assert.Equal(Texts("old", 300), (await a.GetTupleAsync(stored))!.Checkpoint.ChannelValues[Messages]);

        await b.DeleteThreadAsync(threadId);
        var replacement = TestData.Checkpoint(new Dictionary<string, object?> { [Messages] = Texts("new", 300) });
        replacement.Id = original.Id;
        await b.PutAsync(TestData.Config(threadId), replacement, TestData.Metadata(), TestData.AllVersions(replacement));

        Assert.Equal(Texts("new", 300), (await a.GetTupleAsync(stored))!.Checkpoint.ChannelValues[Messages]);
        Assert.Equal(Texts("new", 300), Assert.Single(await a.ListAsync(TestData.Config(threadId))).Checkpoint.ChannelValues[Messages]);
    }

    [Theory, BothModes]
    public virtual async Task Pruning_by_another_saver_leaves_the_writer_able_to_read_and_continue(ApiMode mode)
    {
        var a = CreateSaver(mode);
        var threadId = NewThreadId();
        var configs = await TestData.PutChainAsync(a, threadId, 3, values: step => new Dictionary<string, object?> { [Messages] = Texts("m", 250 + step) });

        await CreateSaver(mode).PruneAsync([threadId], PruneStrategy.KeepLatest);
        var unchanged = TestData.Checkpoint(new Dictionary<string, object?> { [Messages] = Texts("m", 252) }, new Dictionary<string, string> { [Messages] = "3" });
        var next = await a.PutAsync(configs[2], unchanged, TestData.Metadata(step: 3), TestData.NoVersions());

        Assert.Null(await a.GetTupleAsync(configs[0]));
        foreach (var reader in new[] { a, CreateSaver(mode) })
        {
            Assert.Equal(Texts("m", 252), (await reader.GetTupleAsync(configs[2]))!.Checkpoint.ChannelValues[Messages]);
            Assert.Equal(Texts("m", 252), (await reader.GetTupleAsync(next))!.Checkpoint.ChannelValues[Messages]);
        }
    }

    [Theory, BothModes]
    public virtual async Task A_thread_copied_by_another_saver_reads_and_continues_on_the_copy(ApiMode mode)
    {
        var a = CreateSaver(mode);
        var source = NewThreadId();
        var target = NewThreadId();
        var configs = await TestData.PutChainAsync(a, source, 2, values: step => new Dictionary<string, object?> { [Messages] = Texts("c", 260 + step) });

        await CreateSaver(mode).CopyThreadAsync(source, target);
        await a.DeleteThreadAsync(source);
        var grown = TestData.Checkpoint(new Dictionary<string, object?> { [Messages] = Texts("c", 262) }, new Dictionary<string, string> { [Messages] = "3" });
        var next = await a.PutAsync(TestData.Config(target, checkpointId: configs[1].CheckpointId), grown, TestData.Metadata(step: 2), TestData.AllVersions(grown));

        foreach (var reader in new[] { a, CreateSaver(mode) })
        {
            Assert.Equal(Texts("c", 261), (await reader.GetTupleAsync(TestData.Config(target, checkpointId: configs[1].CheckpointId)))!.Checkpoint.ChannelValues[Messages]);
            Assert.Equal(Texts("c", 262), (await reader.GetTupleAsync(next))!.Checkpoint.ChannelValues[Messages]);
        }
    }

    [Theory, BothModes]
    public virtual async Task Two_savers_growing_one_conversation_store_the_same_chunks(ApiMode mode)
    {
        // Chunk keys are derived from content, whichever saver (or process) computed them and however incrementally.
        var a = CreateSaver(mode);
        var b = CreateSaver(mode);
        var threadId = NewThreadId();
        RunConfig parent = TestData.Config(threadId);
        for (var step = 0; step < 6; step++)
        {
            var writer = step % 2 == 0 ? a : b;
            var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { [Messages] = Chat(0, 190 + step) }, new Dictionary<string, string> { [Messages] = $"{step + 1}" });
            parent = await writer.PutAsync(parent, checkpoint, TestData.Metadata(step: step), TestData.AllVersions(checkpoint));
        }

        foreach (var reader in new[] { a, b, CreateSaver(mode) })
        {
            var history = await reader.ListAsync(TestData.Config(threadId));
            Assert.Equal(6, history.Count);
            for (var i = 0; i < history.Count; i++)
            {
                AssertSameChat(Chat(0, 195 - i), history[i].Checkpoint.ChannelValues[Messages]);
            }
        }
    }

    [Theory, BothModes]
    public virtual async Task A_raw_read_by_the_saver_that_holds_the_chunks_still_returns_every_stored_chunk(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { [Messages] = Chat(0, 200) });
        await saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        _ = await saver.GetTupleAsync(TestData.Config(threadId));

        // A raw read feeds copies and exports: chunks the saver holds in memory must still come from storage.
        var warm = mode == ApiMode.Sync
            ? Assert.Single(saver.Inner.ListRaw(TestData.Config(threadId)))
            : Assert.Single(await saver.Inner.ListRawAsync(TestData.Config(threadId)).ToListAsync());
        var cold = Assert.Single(await CreateSaver(mode).Inner.ListRawAsync(TestData.Config(threadId)).ToListAsync());
        Assert.Equal(
            cold.Blobs.Select(b => (b.Channel, b.Version)).Order(),
            warm.Blobs.Select(b => (b.Channel, b.Version)).Order());
        Assert.True(warm.Blobs.Count > 2, "The list should be stored as a manifest and several chunks.");
    }

    private static void AssertSameChat(List<ChatMessage> expected, object? actual)
    {
        var messages = Assert.IsType<List<ChatMessage>>(actual);
        Assert.Equal(
            expected.Select(m => (m.Role.Value, m.MessageId, m.Text, m.Contents.Count, m.AdditionalProperties?.Count ?? 0)),
            messages.Select(m => (m.Role.Value, m.MessageId, m.Text, m.Contents.Count, m.AdditionalProperties?.Count ?? 0)));
    }

    /// <summary>A chat of about 150 bytes a message: a couple of hundred messages are well past the chunking threshold.</summary>
    private static List<ChatMessage> Chat(int from, int count) =>
        [.. Enumerable.Range(from, count).Select(i => new ChatMessage(i % 2 == 0 ? ChatRole.User : ChatRole.Assistant, $"message {i:D4} " + new string((char)('a' + (i % 26)), 120))
        {
            MessageId = $"m{i}",
            AdditionalProperties = i % 10 == 0 ? new AdditionalPropertiesDictionary { ["turn"] = i } : null,
        })];

    private static List<string> Texts(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => $"{prefix} item {i:D5} " + new string((char)('a' + (i % 26)), 110))];
}
