using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using static Checkpoint.Abstractions.Tests.Checkpointing.ListChannel;

namespace Checkpoint.Abstractions.Tests.Checkpointing;

/// <summary>
/// A step costs what changed: a put serializes only the messages that are new or changed since this saver's previous
/// put on the thread, a warm read parses nothing, and neither ever stores or returns anything but what the caller
/// passed.
/// </summary>
public sealed class IncrementalChunkTests
{
    [Fact]
    public void A_put_that_appends_one_message_serializes_only_that_message()
    {
        var counting = new CountingSerializer();
        var saver = new InMemorySaver(new InMemoryCheckpointDatabase(), counting.Serializer);
        var chat = Chat(1_000);
        var config = Put(saver, RunConfig.ForThread("t"), chat, "1");
        var afterFirst = counting.Serialized;

        chat.Add(new ChatMessage(ChatRole.User, "one more") { MessageId = "new" });
        Put(saver, config, chat, "2");

        Assert.Equal(1_000, afterFirst);
        Assert.Equal(1, counting.Serialized - afterFirst);
    }

    [Fact]
    public void A_message_changed_in_place_is_serialized_again_and_stored_as_changed()
    {
        var counting = new CountingSerializer();
        var database = new InMemoryCheckpointDatabase();
        var saver = new InMemorySaver(database, counting.Serializer);
        var chat = Chat(500);
        var config = Put(saver, RunConfig.ForThread("t"), chat, "1");
        var before = counting.Serialized;

        chat[123].Contents[0] = new TextContent("edited in place");
        var edited = Put(saver, config, chat, "2");

        Assert.Equal(1, counting.Serialized - before);
        var stored = Assert.IsType<List<ChatMessage>>(new InMemorySaver(database, counting.Serializer).GetTuple(edited)!.Checkpoint.ChannelValues[Messages]);
        Assert.Equal("edited in place", stored[123].Text);
        Assert.Equal(chat.Select(m => m.Text), stored.Select(m => m.Text));
    }

    [Fact]
    public void A_warm_read_parses_nothing_and_a_cold_read_parses_every_message_once()
    {
        var counting = new CountingSerializer();
        var database = new InMemoryCheckpointDatabase();
        var saver = new InMemorySaver(database, counting.Serializer);
        var config = Put(saver, RunConfig.ForThread("t"), Chat(700), "1");
        _ = saver.GetTuple(config);
        var afterFirstRead = counting.Parsed;

        var warm = saver.GetTuple(config)!;
        var warmParsed = counting.Parsed - afterFirstRead;
        var cold = new InMemorySaver(database, counting.Serializer).GetTuple(config)!;

        Assert.Equal(0, warmParsed);
        Assert.Equal(700, counting.Parsed - afterFirstRead);
        Assert.Equal(Chat(700).Select(m => m.Text), ((List<ChatMessage>)warm.Checkpoint.ChannelValues[Messages]!).Select(m => m.Text));
        Assert.Equal(Chat(700).Select(m => m.Text), ((List<ChatMessage>)cold.Checkpoint.ChannelValues[Messages]!).Select(m => m.Text));
    }

    [Fact]
    public void A_list_started_before_the_thread_is_deleted_still_returns_every_checkpoint_it_began_with_whole()
    {
        var saver = new InMemorySaver();
        var config = RunConfig.ForThread("t");
        for (var i = 0; i < 3; i++)
        {
            config = Put(saver, config, Chat(300 + i), $"{i + 1}");
        }

        using var listed = saver.List(RunConfig.ForThread("t")).GetEnumerator();
        Assert.True(listed.MoveNext());
        saver.DeleteThread("t");
        var counts = new List<int> { ((List<ChatMessage>)listed.Current.Checkpoint.ChannelValues[Messages]!).Count };
        while (listed.MoveNext())
        {
            counts.Add(((List<ChatMessage>)listed.Current.Checkpoint.ChannelValues[Messages]!).Count);
        }

        Assert.Equal([302, 301, 300], counts);
        Assert.Null(saver.GetTuple(RunConfig.ForThread("t")));
    }

    [Fact]
    public void Changing_what_a_warm_list_returned_never_changes_a_later_list_or_read()
    {
        var counting = new CountingSerializer();
        var saver = new InMemorySaver(new InMemoryCheckpointDatabase(), counting.Serializer);
        var config = Put(saver, RunConfig.ForThread("t"), Chat(200), "1");
        config = Put(saver, config, Chat(201), "2");
        _ = saver.List(RunConfig.ForThread("t")).ToList();
        var parsed = counting.Parsed;

        foreach (var tuple in saver.List(RunConfig.ForThread("t")))
        {
            var messages = (List<ChatMessage>)tuple.Checkpoint.ChannelValues[Messages]!;
            messages[0].Contents[0] = new TextContent("changed by the caller");
            messages.RemoveAt(messages.Count - 1);
        }

        var again = saver.List(RunConfig.ForThread("t")).Select(t => (List<ChatMessage>)t.Checkpoint.ChannelValues[Messages]!).ToList();
        var read = (List<ChatMessage>)saver.GetTuple(config)!.Checkpoint.ChannelValues[Messages]!;
        Assert.Equal(0, counting.Parsed - parsed);
        Assert.Equal(Chat(201).Select(m => m.Text), again[0].Select(m => m.Text));
        Assert.Equal(Chat(200).Select(m => m.Text), again[1].Select(m => m.Text));
        Assert.Equal(Chat(201).Select(m => m.Text), read.Select(m => m.Text));
    }

    [Fact]
    public void A_cold_read_parses_each_message_once_the_second_parses_for_the_cache_and_later_reads_parse_nothing()
    {
        var counting = new CountingSerializer();
        var database = new InMemoryCheckpointDatabase();
        var config = Put(new InMemorySaver(database, counting.Serializer), RunConfig.ForThread("t"), Chat(700), "1");
        var reader = new InMemorySaver(database, counting.Serializer);
        var before = counting.Parsed;

        var cold = (List<ChatMessage>)reader.GetTuple(config)!.Checkpoint.ChannelValues[Messages]!;
        var afterCold = counting.Parsed;
        var bytesOnly = reader.Chunks.Cache.Bytes;
        var second = (List<ChatMessage>)reader.GetTuple(config)!.Checkpoint.ChannelValues[Messages]!;
        var afterSecond = counting.Parsed;
        var third = (List<ChatMessage>)reader.GetTuple(config)!.Checkpoint.ChannelValues[Messages]!;

        // Cold: one parse per message, and the cache keeps only the chunks' bytes.
        Assert.Equal(700, afterCold - before);
        Assert.Equal(Chat(700).Select(m => m.Text), cold.Select(m => m.Text));
        var chunks = database.Threads["t"].Blobs.Where(b => b.Key.Channel.StartsWith('\u0001')).Select(b => b.Value).ToList();
        Assert.Equal(chunks.Count, reader.Chunks.Cache.Count);
        Assert.Equal(chunks.Sum(c => (long)c.Data.Length), bytesOnly);

        // Second: parsed again for the cache's own items; later: copies, no parse.
        Assert.Equal(700, afterSecond - afterCold);
        Assert.Equal(0, counting.Parsed - afterSecond);
        Assert.True(reader.Chunks.Cache.Bytes > bytesOnly, "the parsed items count against the bound");
        Assert.Equal(Chat(700).Select(m => m.Text), second.Select(m => m.Text));
        Assert.Equal(Chat(700).Select(m => m.Text), third.Select(m => m.Text));
        Assert.DoesNotContain(second, m => third.Contains(m));
    }

    [Fact]
    public void Changing_what_a_cold_read_returned_never_changes_the_next_reads()
    {
        var database = new InMemoryCheckpointDatabase();
        var config = Put(new InMemorySaver(database), RunConfig.ForThread("t"), Chat(300), "1");
        var reader = new InMemorySaver(database);

        var cold = (List<ChatMessage>)reader.GetTuple(config)!.Checkpoint.ChannelValues[Messages]!;
        cold[5].Contents.Clear();
        cold[70].MessageId = "changed by the caller";
        cold.RemoveAt(0);

        for (var read = 0; read < 2; read++)
        {
            var again = (List<ChatMessage>)reader.GetTuple(config)!.Checkpoint.ChannelValues[Messages]!;
            Assert.Equal(Chat(300).Select(m => m.Text), again.Select(m => m.Text));
            Assert.Equal("m70", again[70].MessageId);
        }
    }

    [Fact]
    public void With_the_cache_off_a_read_parses_each_message_once()
    {
        var counting = new CountingSerializer();
        var database = new InMemoryCheckpointDatabase();
        var config = Put(new InMemorySaver(database, counting.Serializer), RunConfig.ForThread("t"), Chat(700), "1");
        var reader = new InMemorySaver(database, counting.Serializer, chunkCache: new ChunkCacheOptions { MaxBytes = 0 });
        var before = counting.Parsed;

        var read = (List<ChatMessage>)reader.GetTuple(config)!.Checkpoint.ChannelValues[Messages]!;

        Assert.Equal(700, counting.Parsed - before);
        Assert.Equal(Chat(700).Select(m => m.Text), read.Select(m => m.Text));
    }

    [Fact]
    public void Chunks_built_incrementally_are_the_chunks_a_fresh_saver_cuts_from_the_whole_list()
    {
        var database = new InMemoryCheckpointDatabase();
        var incremental = new InMemorySaver(database);
        var chat = Chat(300);
        var config = Put(incremental, RunConfig.ForThread("grown"), chat, "1");
        for (var step = 2; step <= 40; step++)
        {
            chat.Add(new ChatMessage(step % 2 == 0 ? ChatRole.User : ChatRole.Assistant, $"step {step}") { MessageId = $"s{step}" });
            chat[step].AuthorName = $"edited at {step}";
            config = Put(incremental, config, chat, $"{step}");
        }

        Put(new InMemorySaver(database), RunConfig.ForThread("whole"), chat, "1");

        Assert.Equal(ChunkVersions(database, "whole"), ChunkVersions(database, "grown").Intersect(ChunkVersions(database, "whole")));
    }

    [Fact]
    public void Reading_then_changing_what_was_read_never_reaches_the_next_put_or_read()
    {
        var database = new InMemoryCheckpointDatabase();
        var saver = new InMemorySaver(database);
        var config = Put(saver, RunConfig.ForThread("t"), Chat(300), "1");

        var read = (List<ChatMessage>)saver.GetTuple(config)!.Checkpoint.ChannelValues[Messages]!;
        read[5].Contents.Clear();
        read.Add(new ChatMessage(ChatRole.User, "appended by the caller"));
        var next = Put(saver, config, read, "2");

        Assert.Equal(301, ((List<ChatMessage>)new InMemorySaver(database).GetTuple(next)!.Checkpoint.ChannelValues[Messages]!).Count);
        Assert.Equal(string.Empty, ((List<ChatMessage>)new InMemorySaver(database).GetTuple(next)!.Checkpoint.ChannelValues[Messages]!)[5].Text);
        Assert.Equal(Chat(300).Select(m => m.Text), ((List<ChatMessage>)saver.GetTuple(config)!.Checkpoint.ChannelValues[Messages]!).Select(m => m.Text));
    }

    [Fact]
    public void The_cache_stays_within_its_bound_and_still_serves_reads()
    {
        var saver = new InMemorySaver(new InMemoryCheckpointDatabase(), chunkCache: new ChunkCacheOptions { MaxBytes = 300_000 });
        var configs = new List<RunConfig>();
        for (var thread = 0; thread < 5; thread++)
        {
            configs.Add(Put(saver, RunConfig.ForThread($"t{thread}"), Chat(400, $"thread {thread}"), "1"));
            _ = saver.GetTuple(configs[^1]);
        }

        Assert.InRange(saver.Chunks.Cache.Bytes, 1, 300_000);
        for (var thread = 0; thread < 5; thread++)
        {
            Assert.Equal(Chat(400, $"thread {thread}").Select(m => m.Text), ((List<ChatMessage>)saver.GetTuple(configs[thread])!.Checkpoint.ChannelValues[Messages]!).Select(m => m.Text));
        }
    }

    [Fact]
    public void With_the_cache_off_long_lists_still_round_trip_and_nothing_is_kept()
    {
        var database = new InMemoryCheckpointDatabase();
        var saver = new InMemorySaver(database, chunkCache: new ChunkCacheOptions { MaxBytes = 0 });
        var chat = Chat(300);
        var config = Put(saver, RunConfig.ForThread("t"), chat, "1");
        chat.Add(new ChatMessage(ChatRole.User, "more"));
        config = Put(saver, config, chat, "2");

        Assert.Equal(chat.Select(m => m.Text), ((List<ChatMessage>)saver.GetTuple(config)!.Checkpoint.ChannelValues[Messages]!).Select(m => m.Text));
        Assert.Equal(0, saver.Chunks.Cache.Count);
    }

    [Fact]
    public void A_negative_cache_bound_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new InMemorySaver(new InMemoryCheckpointDatabase(), chunkCache: new ChunkCacheOptions { MaxBytes = -1 }));

        Assert.Contains("chunk cache", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_serializers_store_and_read_long_lists_through_the_whole_value()
    {
        var database = new InMemoryCheckpointDatabase();
        var wrapped = new WrappingSerializer(JsonCheckpointSerializer.Default);
        var saver = new InMemorySaver(database, wrapped);
        var chat = Chat(300);
        var config = Put(saver, RunConfig.ForThread("t"), chat, "1");
        chat.Add(new ChatMessage(ChatRole.User, "more"));
        config = Put(saver, config, chat, "2");

        Assert.Contains(database.Threads["t"].Blobs.Keys, k => k.Channel.StartsWith('\u0001'));
        Assert.Equal(chat.Select(m => m.Text), ((List<ChatMessage>)new InMemorySaver(database, wrapped).GetTuple(config)!.Checkpoint.ChannelValues[Messages]!).Select(m => m.Text));
        Assert.Equal(chat.Select(m => m.Text), ((List<ChatMessage>)saver.GetTuple(config)!.Checkpoint.ChannelValues[Messages]!).Select(m => m.Text));
    }

    [Fact]
    public void A_stored_chunk_that_does_not_hash_to_its_version_is_read_but_not_cached()
    {
        var database = new InMemoryCheckpointDatabase();
        var config = Put(new InMemorySaver(database), RunConfig.ForThread("t"), Chat(300), "1");
        var blobs = database.Threads["t"].Blobs;
        var chunk = blobs.Keys.First(k => k.Channel.StartsWith('\u0001'));
        var forged = JsonCheckpointSerializer.Default.Serialize(Chat(64, "forged"));
        blobs[chunk] = forged;

        var reader = new InMemorySaver(database);
        var read = (List<ChatMessage>)reader.GetTuple(config)!.Checkpoint.ChannelValues[Messages]!;

        Assert.Contains(read, m => m.Text.StartsWith("forged", StringComparison.Ordinal));
        Assert.Null(reader.Chunks.Cache.Get(chunk.Version));
    }

    private static IEnumerable<string> ChunkVersions(InMemoryCheckpointDatabase database, string thread) =>
        database.Threads[thread].Blobs.Keys.Where(k => k.Channel.StartsWith('\u0001')).Select(k => k.Version).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>The default serializer, counting the messages it writes and the roles it reads (one per message parsed).</summary>
    private sealed class CountingSerializer
    {
        private int _serialized;
        private int _parsed;

        public CountingSerializer()
        {
            var options = new JsonSerializerOptions(JsonCheckpointSerializer.DefaultJsonSerializerOptions)
            {
                TypeInfoResolver = JsonCheckpointSerializer.DefaultJsonSerializerOptions.TypeInfoResolver!.WithAddedModifier(info =>
                {
                    if (info.Type == typeof(ChatMessage))
                    {
                        info.OnSerializing = _ => Interlocked.Increment(ref _serialized);
                    }
                }),
            };
            options.Converters.Add(new CountingRoleConverter(this));
            Serializer = new JsonCheckpointSerializer(new JsonCheckpointSerializerOptions { JsonSerializerOptions = options });
        }

        public JsonCheckpointSerializer Serializer { get; }

        public int Serialized => Volatile.Read(ref _serialized);

        public int Parsed => Volatile.Read(ref _parsed);

        private sealed class CountingRoleConverter(CountingSerializer owner) : JsonConverter<ChatRole>
        {
            public override ChatRole Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                Interlocked.Increment(ref owner._parsed);
                return new ChatRole(reader.GetString()!);
            }

            public override void Write(Utf8JsonWriter writer, ChatRole value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
        }
    }

    /// <summary>A serializer of its own that delegates: no item-level access, so lists go through the whole value.</summary>
    private sealed class WrappingSerializer(ICheckpointSerializer inner) : ICheckpointSerializer
    {
        public SerializedValue Serialize(object? value) => inner.Serialize(value);

        public object? Deserialize(SerializedValue value) => inner.Deserialize(value);
    }
}
