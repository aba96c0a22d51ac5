using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// <see cref="EncryptedSerializer"/> through the backend, attacked with the powers of someone who can write to the
/// database (<see cref="StoredDataEditor"/>): a ciphertext moved to another thread, namespace, channel, version,
/// checkpoint, task or write index is refused, so is a plain value planted where a ciphertext belongs, a changed or
/// truncated ciphertext, and a missing key; keys rotate and threads are re-encrypted with
/// <see cref="BaseCheckpointSaver.RewriteThread"/> (contract: Serialization; issue 15).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class EncryptionTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    private const string Secret = "the launch code is 0000";

    private StoredDataEditor Editor
    {
        get
        {
            TestStore.EnsureAvailable();
            Assert.SkipWhen(TestStore.Editor is null, $"{TestStore.BackendName} gives the kit no raw access to its data.");
            return TestStore.Editor!;
        }
    }

    [Theory, BothModes]
    public virtual async Task Values_writes_and_long_lists_are_stored_encrypted_with_the_key_id_and_read_back(ApiMode mode)
    {
        var encrypted = Encrypted(RandomNumberGenerator.GetBytes(32), "kit-1");
        var saver = CreateSaver(mode, encrypted);
        var messages = LongConversation(100);
        var values = new Dictionary<string, object?> { ["secret"] = Secret, ["messages"] = messages, ["nothing"] = null };
        var checkpoint = TestData.Checkpoint(values);

        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        await saver.PutWritesAsync(stored, [new("secret", "pending " + Secret), new(SpecialChannels.Interrupt, "stop")], "task");
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        ValueAssert.ChannelValuesEqual(values, tuple.Checkpoint.ChannelValues);
        TupleAssert.PendingWritesEqual([new("task", SpecialChannels.Interrupt, "stop"), new("task", "secret", "pending " + Secret)], tuple.PendingWrites);
        var blob = await Editor.ReadBlobAsync(stored.ThreadId!, string.Empty, "secret", "1");
        var write = await Editor.ReadWriteAsync(stored.ThreadId!, string.Empty, stored.CheckpointId!, "task", 0);
        foreach (var value in (SerializedValue?[])[blob, write])
        {
            Assert.NotNull(value);
            Assert.EndsWith("+aesgcm:kit-1", value.Value.Type, StringComparison.Ordinal);
            Assert.DoesNotContain("launch code", Encoding.UTF8.GetString(value.Value.Data), StringComparison.Ordinal);
        }
    }

    [Theory, BothModes]
    public virtual async Task A_ciphertext_copied_from_another_thread_is_refused(ApiMode mode)
    {
        var saver = CreateSaver(mode, Encrypted(RandomNumberGenerator.GetBytes(32)));
        var a = await PutValuesAsync(saver, NewThreadId(), string.Empty, new() { ["secret"] = "A's secret" });
        var b = await PutValuesAsync(saver, NewThreadId(), string.Empty, new() { ["secret"] = "B's value" });

        await MoveBlobAsync(a, "secret", b, "secret");

        await AssertMovedAsync(() => saver.GetTupleAsync(b));
        Assert.Equal("A's secret", (await saver.GetTupleAsync(a))!.Checkpoint.ChannelValues["secret"]);
    }

    [Theory, BothModes]
    public virtual async Task Values_in_langgraph_python_format_are_encrypted_bound_and_read_back(ApiMode mode)
    {
        var saver = CreateSaver(mode, new EncryptedSerializer(LangGraphSerializer.Python, RandomNumberGenerator.GetBytes(32)));
        var messages = new List<ChatMessage> { new(ChatRole.User, Secret) };
        var a = await PutValuesAsync(saver, NewThreadId(), string.Empty, new() { ["secret"] = Secret, ["messages"] = messages });
        var b = await PutValuesAsync(saver, NewThreadId(), string.Empty, new() { ["secret"] = "B's value" });

        var read = (await saver.GetTupleAsync(a))!.Checkpoint.ChannelValues;
        Assert.Equal(Secret, read["secret"]);
        Assert.Equal(Secret, Assert.Single(Assert.IsType<List<ChatMessage>>(read["messages"])).Text);
        var blob = await Editor.ReadBlobAsync(a.ThreadId!, string.Empty, "messages", "1");
        Assert.StartsWith("msgpack+aesgcm:", blob!.Value.Type, StringComparison.Ordinal);
        Assert.DoesNotContain("launch code", Encoding.UTF8.GetString(blob.Value.Data), StringComparison.Ordinal);
        await MoveBlobAsync(a, "secret", b, "secret");
        await AssertMovedAsync(() => saver.GetTupleAsync(b));
    }

    [Theory, BothModes]
    public virtual async Task A_ciphertext_moved_between_channels_of_one_checkpoint_is_refused(ApiMode mode)
    {
        var saver = CreateSaver(mode, Encrypted(RandomNumberGenerator.GetBytes(32)));
        var stored = await PutValuesAsync(saver, NewThreadId(), string.Empty, new() { ["role"] = "admin", ["name"] = "guest" });

        await MoveBlobAsync(stored, "role", stored, "name");

        await AssertMovedAsync(() => saver.GetTupleAsync(stored));
    }

    [Theory, BothModes]
    public virtual async Task An_older_version_of_a_channel_put_in_place_of_the_current_one_is_refused(ApiMode mode)
    {
        var saver = CreateSaver(mode, Encrypted(RandomNumberGenerator.GetBytes(32)));
        var threadId = NewThreadId();
        var first = await PutValuesAsync(saver, threadId, string.Empty, new() { ["balance"] = 100L }, version: "1");
        var second = await PutValuesAsync(saver, threadId, string.Empty, new() { ["balance"] = 0L }, version: "2", parent: first);

        var old = await Editor.ReadBlobAsync(threadId, string.Empty, "balance", "1");
        await Editor.ReplaceBlobAsync(threadId, string.Empty, "balance", "2", old!.Value);

        await AssertMovedAsync(() => saver.GetTupleAsync(second));
        Assert.Equal(100L, (await saver.GetTupleAsync(first))!.Checkpoint.ChannelValues["balance"]);
    }

    [Theory, BothModes]
    public virtual async Task A_ciphertext_moved_between_namespaces_is_refused(ApiMode mode)
    {
        var saver = CreateSaver(mode, Encrypted(RandomNumberGenerator.GetBytes(32)));
        var threadId = NewThreadId();
        var root = await PutValuesAsync(saver, threadId, string.Empty, new() { ["secret"] = "root" });
        var child = await PutValuesAsync(saver, threadId, "child:1", new() { ["secret"] = "child" });

        await MoveBlobAsync(root, "secret", child, "secret");

        await AssertMovedAsync(() => saver.GetTupleAsync(child));
    }

    [Theory, BothModes]
    public virtual async Task A_pending_write_moved_to_another_index_task_or_checkpoint_or_from_a_channel_value_is_refused(ApiMode mode)
    {
        var saver = CreateSaver(mode, Encrypted(RandomNumberGenerator.GetBytes(32)));
        var threadId = NewThreadId();
        var first = await PutValuesAsync(saver, threadId, string.Empty, new() { ["value"] = "channel value" });
        var second = await PutValuesAsync(saver, threadId, string.Empty, new() { ["value"] = "next" }, version: "2", parent: first);
        foreach (var config in (RunConfig[])[first, second])
        {
            await saver.PutWritesAsync(config, [new("ch", "w0 " + config.CheckpointId), new("ch", "w1 " + config.CheckpointId)], "task-a");
            await saver.PutWritesAsync(config, [new("ch", "task b " + config.CheckpointId)], "task-b");
        }

        var moves = new (SerializedValue? From, (string Task, int Index) To, RunConfig At)[]
        {
            (await Editor.ReadWriteAsync(threadId, string.Empty, second.CheckpointId!, "task-a", 1), ("task-a", 0), second),
            (await Editor.ReadWriteAsync(threadId, string.Empty, second.CheckpointId!, "task-b", 0), ("task-a", 1), second),
            (await Editor.ReadWriteAsync(threadId, string.Empty, first.CheckpointId!, "task-b", 0), ("task-b", 0), second),
            (await Editor.ReadBlobAsync(threadId, string.Empty, "value", "1"), ("task-a", 0), first),
        };
        foreach (var (from, (task, index), at) in moves)
        {
            var original = await Editor.ReadWriteAsync(threadId, string.Empty, at.CheckpointId!, task, index);
            await Editor.ReplaceWriteAsync(threadId, string.Empty, at.CheckpointId!, task, index, from!.Value);

            await AssertMovedAsync(() => saver.GetTupleAsync(at));
            await Editor.ReplaceWriteAsync(threadId, string.Empty, at.CheckpointId!, task, index, original!.Value);
        }

        Assert.Equal(3, (await saver.GetTupleAsync(second))!.PendingWrites.Count);
    }

    [Theory, BothModes]
    public virtual async Task A_plain_value_planted_where_a_ciphertext_belongs_is_refused_unless_migrating(ApiMode mode)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var saver = CreateSaver(mode, Encrypted(key));
        var stored = await PutValuesAsync(saver, NewThreadId(), string.Empty, new() { ["role"] = "guest" });
        await saver.PutWritesAsync(stored, [new("role", "guest write")], "task");
        var planted = JsonCheckpointSerializer.Default.Serialize("attacker-chosen");

        await Editor.ReplaceBlobAsync(stored.ThreadId!, string.Empty, "role", "1", planted);
        var error = await Assert.ThrowsAsync<CheckpointSerializationException>(() => saver.GetTupleAsync(stored));
        var migrating = CreateSaver(mode, new EncryptedSerializer(JsonCheckpointSerializer.Default, new EncryptedSerializerOptions { Key = key, AllowUnencryptedReads = true }));
        var read = await migrating.GetTupleAsync(stored);

        Assert.Contains("not encrypted", error.Message, StringComparison.Ordinal);
        Assert.Equal("attacker-chosen", read!.Checkpoint.ChannelValues["role"]);
        await Editor.ReplaceBlobAsync(stored.ThreadId!, string.Empty, "role", "1", (await Editor.ReadBlobAsync(stored.ThreadId!, string.Empty, "role", "1"))!.Value with { Type = "null", Data = [] });
        await Assert.ThrowsAsync<CheckpointSerializationException>(() => saver.GetTupleAsync(stored));
        await Editor.ReplaceWriteAsync(stored.ThreadId!, string.Empty, stored.CheckpointId!, "task", 0, planted);
        await Assert.ThrowsAsync<CheckpointSerializationException>(() => saver.ListAsync(TestData.Config(stored.ThreadId!)));
    }

    [Theory, BothModes]
    public virtual async Task A_changed_or_truncated_stored_ciphertext_is_refused(ApiMode mode)
    {
        var saver = CreateSaver(mode, Encrypted(RandomNumberGenerator.GetBytes(32)));
        var stored = await PutValuesAsync(saver, NewThreadId(), string.Empty, new() { ["secret"] = Secret });
        var original = (await Editor.ReadBlobAsync(stored.ThreadId!, string.Empty, "secret", "1"))!.Value;

        var length = original.Data.Length;
        foreach (var damaged in new[]
        {
            Flip(original, 0), Flip(original, 12), Flip(original, 28), Flip(original, length - 1),
            original with { Data = original.Data[..(length - 1)] }, original with { Data = original.Data[..27] }, original with { Data = [] },
            original with { Type = original.Type.Replace("json:string", "json:int64", StringComparison.Ordinal) },
        })
        {
            await Editor.ReplaceBlobAsync(stored.ThreadId!, string.Empty, "secret", "1", damaged);
            await Assert.ThrowsAsync<CheckpointSerializationException>(() => saver.GetTupleAsync(stored));
        }

        await Editor.ReplaceBlobAsync(stored.ThreadId!, string.Empty, "secret", "1", original);
        Assert.Equal(Secret, (await saver.GetTupleAsync(stored))!.Checkpoint.ChannelValues["secret"]);
    }

    [Theory, BothModes]
    public virtual async Task Values_are_refused_without_their_key_naming_its_id(ApiMode mode)
    {
        var saver = CreateSaver(mode, Encrypted(RandomNumberGenerator.GetBytes(32), "old-key"));
        var stored = await PutValuesAsync(saver, NewThreadId(), string.Empty, new() { ["secret"] = Secret });

        var error = await Assert.ThrowsAsync<CheckpointSerializationException>(() =>
            CreateSaver(mode, Encrypted(RandomNumberGenerator.GetBytes(32), "new-key")).GetTupleAsync(stored));
        var sameIdOtherKey = await Assert.ThrowsAsync<CheckpointSerializationException>(() =>
            CreateSaver(mode, Encrypted(RandomNumberGenerator.GetBytes(32), "old-key")).GetTupleAsync(stored));

        Assert.Contains("'old-key'", error.Message, StringComparison.Ordinal);
        Assert.Contains("failed authentication", sameIdOtherKey.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<CheckpointSerializationException>(() => CreateSaver(mode).GetTupleAsync(stored));
    }

    [Theory, BothModes]
    public virtual async Task After_a_key_rotation_old_values_stay_readable_and_rewriting_moves_them_to_the_new_key(ApiMode mode)
    {
        var (oldKey, newKey) = (RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));
        var before = CreateSaver(mode, Encrypted(oldKey, "k1"));
        var threadId = NewThreadId();
        var configs = await PutHistoryAsync(before, threadId);
        var expected = await before.ListAsync(TestData.Config(threadId, checkpointNs: null));
        var rotated = CreateSaver(mode, new EncryptedSerializer(
            JsonCheckpointSerializer.Default,
            new EncryptedSerializerOptions { Key = newKey, KeyId = "k2", PreviousKeys = { new EncryptionKey(oldKey, "k1") } }));

        TupleAssert.SequenceEqual(expected, await rotated.ListAsync(TestData.Config(threadId, checkpointNs: null)));
        await rotated.RewriteThreadAsync(threadId);
        var newKeyOnly = CreateSaver(mode, Encrypted(newKey, "k2"));

        TupleAssert.SequenceEqual(expected, await newKeyOnly.ListAsync(TestData.Config(threadId, checkpointNs: null)));
        Assert.EndsWith("+aesgcm:k2", (await Editor.ReadBlobAsync(threadId, string.Empty, "messages", "1"))!.Value.Type, StringComparison.Ordinal);
        Assert.EndsWith("+aesgcm:k2", (await Editor.ReadWriteAsync(threadId, string.Empty, configs[0].CheckpointId!, "task", 0))!.Value.Type, StringComparison.Ordinal);
        await Assert.ThrowsAsync<CheckpointSerializationException>(() => before.GetTupleAsync(configs[0]));
    }

    [Theory, BothModes]
    public virtual async Task A_thread_written_before_encryption_is_encrypted_in_place_by_rewriting_it(ApiMode mode)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var plain = CreateSaver(mode);
        var threadId = NewThreadId();
        var configs = await PutHistoryAsync(plain, threadId);
        var expected = await plain.ListAsync(TestData.Config(threadId, checkpointNs: null));
        var strict = CreateSaver(mode, Encrypted(key));
        var migrating = CreateSaver(mode, new EncryptedSerializer(JsonCheckpointSerializer.Default, new EncryptedSerializerOptions { Key = key, AllowUnencryptedReads = true }));

        await Assert.ThrowsAsync<CheckpointSerializationException>(() => strict.GetTupleAsync(configs[^1]));
        await migrating.RewriteThreadAsync(threadId);

        TupleAssert.SequenceEqual(expected, await strict.ListAsync(TestData.Config(threadId, checkpointNs: null)));
        Assert.Contains("+aesgcm:", (await Editor.ReadBlobAsync(threadId, string.Empty, "messages", "1"))!.Value.Type, StringComparison.Ordinal);
        Assert.Empty(await strict.ListAsync(TestData.Config("\u0001rewrite\u0001" + threadId, checkpointNs: null)));
        await migrating.RewriteThreadAsync(NewThreadId());
    }

    [Theory, BothModes]
    public virtual async Task Rewriting_finishes_when_called_again_after_stopping_part_way(ApiMode mode)
    {
        var saver = CreateSaver(mode, Encrypted(RandomNumberGenerator.GetBytes(32)));
        var threadId = NewThreadId();
        await PutHistoryAsync(saver, threadId);
        var expected = await saver.ListAsync(TestData.Config(threadId, checkpointNs: null));
        var staging = "\u0001rewrite\u0001" + threadId;
        var done = "\u0001rewrite-done\u0001" + threadId;

        // Stopped while copying to the staging thread: the thread itself is whole.
        await saver.CopyThreadAsync(threadId, staging);
        await saver.DeleteThreadAsync(staging);
        await saver.PutAsync(TestData.Config(staging), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());
        await saver.RewriteThreadAsync(threadId);
        TupleAssert.SequenceEqual(expected, await saver.ListAsync(TestData.Config(threadId, checkpointNs: null)));

        // Stopped after the staging copy was complete and the thread deleted: the staging copy is put back.
        await saver.CopyThreadAsync(threadId, staging);
        await saver.PutAsync(TestData.Config(done), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());
        await saver.DeleteThreadAsync(threadId);
        await saver.RewriteThreadAsync(threadId);

        TupleAssert.SequenceEqual(expected, await saver.ListAsync(TestData.Config(threadId, checkpointNs: null)));
        Assert.Empty(await saver.ListAsync(TestData.Config(staging, checkpointNs: null)));
        Assert.Empty(await saver.ListAsync(TestData.Config(done, checkpointNs: null)));
    }

    [Theory, BothModes]
    public virtual async Task Copying_an_encrypted_thread_binds_the_copy_to_its_new_thread(ApiMode mode)
    {
        var saver = CreateSaver(mode, Encrypted(RandomNumberGenerator.GetBytes(32)));
        var (source, target) = (NewThreadId(), NewThreadId());
        await PutHistoryAsync(saver, source);
        var expected = await saver.ListAsync(TestData.Config(source, checkpointNs: null));

        await saver.CopyThreadAsync(source, target);
        var copied = await saver.ListAsync(TestData.Config(target, checkpointNs: null));

        TupleAssert.SequenceEqual(expected.Select(t => Retarget(t, target)).ToList(), copied);
        Assert.NotEqual(
            (await Editor.ReadBlobAsync(source, string.Empty, "messages", "1"))!.Value.Data,
            (await Editor.ReadBlobAsync(target, string.Empty, "messages", "1"))!.Value.Data);
        await Assert.ThrowsAsync<InvalidOperationException>(() => saver.CopyThreadAsync(source, target));
    }

    [Theory, BothModes]
    public virtual async Task Delta_history_reads_encrypted_seeds_and_writes(ApiMode mode)
    {
        var saver = CreateSaver(mode, Encrypted(RandomNumberGenerator.GetBytes(32)));
        var threadId = NewThreadId();
        var seed = await PutValuesAsync(saver, threadId, string.Empty, new() { ["log"] = "seed" });
        await saver.PutWritesAsync(seed, [new("log", "first"), new("log", "second")], "task-1", "node:1");
        var next = await saver.PutAsync(TestData.Config(threadId, string.Empty, seed.CheckpointId), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());
        await saver.PutWritesAsync(next, [new("log", "third")], "task-2");
        var last = await saver.PutAsync(TestData.Config(threadId, string.Empty, next.CheckpointId), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());

        var history = (await saver.GetDeltaChannelHistoryAsync(last, ["log"]))["log"];

        Assert.True(history.HasSeed);
        Assert.Equal("seed", history.Seed);
        Assert.Equal(["first", "second", "third"], history.Writes.Select(w => w.Value));
    }

    private static EncryptedSerializer Encrypted(byte[] key, string? keyId = null) =>
        new(JsonCheckpointSerializer.Default, new EncryptedSerializerOptions { Key = key, KeyId = keyId });

    private static List<ChatMessage> LongConversation(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new ChatMessage(i % 2 == 0 ? ChatRole.User : ChatRole.Assistant, $"message {i}: {new string('x', 300)}"))];

    private static SerializedValue Flip(SerializedValue value, int position)
    {
        var data = value.Data.ToArray();
        data[position] ^= 0x20;
        return value with { Data = data };
    }

    private static CheckpointTuple Retarget(CheckpointTuple tuple, string threadId) =>
        tuple with
        {
            Config = tuple.Config with { ThreadId = threadId },
            ParentConfig = tuple.ParentConfig is null ? null : tuple.ParentConfig with { ThreadId = threadId },
        };

    private static async Task AssertMovedAsync(Func<Task> read)
    {
        var error = await Assert.ThrowsAsync<CheckpointSerializationException>(read);
        Assert.Contains("written for another place", error.Message, StringComparison.Ordinal);
    }

    private async Task MoveBlobAsync(RunConfig from, string fromChannel, RunConfig to, string toChannel)
    {
        var ciphertext = await Editor.ReadBlobAsync(from.ThreadId!, from.ResolvedCheckpointNs, fromChannel, "1");
        await Editor.ReplaceBlobAsync(to.ThreadId!, to.ResolvedCheckpointNs, toChannel, "1", ciphertext!.Value);
    }

    private static async Task<RunConfig> PutValuesAsync(SaverApi saver, string threadId, string ns, Dictionary<string, object?> values, string version = "1", RunConfig? parent = null)
    {
        var checkpoint = TestData.Checkpoint(values, values.ToDictionary(v => v.Key, _ => version));
        return await saver.PutAsync(TestData.Config(threadId, ns, parent?.CheckpointId), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
    }

    // Three checkpoints in two namespaces, a long list, writes with task paths and a special channel.
    private async Task<List<RunConfig>> PutHistoryAsync(SaverApi saver, string threadId)
    {
        var configs = new List<RunConfig>();
        RunConfig? parent = null;
        for (var step = 0; step < 3; step++)
        {
            var version = (step + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var values = new Dictionary<string, object?> { ["messages"] = LongConversation(70 + step), ["step"] = (long)step };
            parent = await PutValuesAsync(saver, threadId, string.Empty, values, version, parent);
            await saver.PutWritesAsync(parent, [new("messages", "write " + version), new(SpecialChannels.Error, "boom")], "task", "node:" + version);
            configs.Add(parent);
        }

        var child = await PutValuesAsync(saver, threadId, "child:1", new() { ["secret"] = Secret });
        await saver.PutWritesAsync(child, [new("secret", "child write")], "child-task");
        configs.Add(child);
        return configs;
    }
}
