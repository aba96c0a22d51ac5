using System.Collections.Immutable;
using Microsoft.Extensions.AI;
using static Checkpoint.Abstractions.Tests.Checkpointing.ListChannel;

namespace Checkpoint.Abstractions.Tests.Checkpointing;

/// <summary>
/// A put takes a long-list item that is the very object it stored before as unchanged only when that is safe: the
/// item's type is proven immutable, or the saver was told to trust identity (<see cref="ChunkCacheOptions.TrustUnchangedItems"/>).
/// Anything else is compared, so an item changed in place is stored as it now is.
/// </summary>
public sealed class ItemIdentityTests
{
    [Fact]
    public void Immutable_items_that_are_the_same_objects_as_before_are_not_walked_again()
    {
        var serializer = new JsonCheckpointSerializer(new JsonCheckpointSerializerOptions().Register<CountedNote>("counted-note"));
        var database = new InMemoryCheckpointDatabase();
        var saver = new InMemorySaver(database, serializer);
        var notes = Enumerable.Range(0, 640).Select(i => new CountedNote($"note {i:D4} " + new string('x', 100))).ToList();
        var config = Put(saver, RunConfig.ForThread("t"), notes, "1");
        notes.Add(new CountedNote("second"));
        config = Put(saver, config, notes, "2");
        var before = CountedNote.Reads;

        notes.Add(new CountedNote("third"));
        var third = Put(saver, config, notes, "3");
        var reads = CountedNote.Reads - before;

        // Only the tail chunk, which gained an item, is looked at: never the 640 items before it.
        Assert.InRange(reads, 1, 2 * ChunkedValue.LeafItems);
        var stored = Assert.IsType<List<CountedNote>>(new InMemorySaver(database, serializer).GetTuple(third)!.Checkpoint.ChannelValues[Messages]);
        Assert.Equal(notes.Select(n => n.Text), stored.Select(n => n.Text));
    }

    [Fact]
    public void A_mutable_member_changed_in_place_inside_an_otherwise_immutable_record_is_stored_as_changed()
    {
        var serializer = new JsonCheckpointSerializer(new JsonCheckpointSerializerOptions().Register<TaggedNote>("tagged-note"));
        var database = new InMemoryCheckpointDatabase();
        var saver = new InMemorySaver(database, serializer);
        var notes = Enumerable.Range(0, 300).Select(i => new TaggedNote($"note {i:D4} " + new string('x', 100), ["a"])).ToList();
        var config = Put(saver, RunConfig.ForThread("t"), notes, "1");
        config = Put(saver, config, notes, "2");

        notes[100].Tags.Add("added in place");
        var edited = Put(saver, config, notes, "3");

        var stored = Assert.IsType<List<TaggedNote>>(new InMemorySaver(database, serializer).GetTuple(edited)!.Checkpoint.ChannelValues[Messages]);
        Assert.Equal(["a", "added in place"], stored[100].Tags);
        Assert.Equal(["a"], stored[99].Tags);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Trusting_unchanged_items_misses_a_message_changed_in_place_but_stores_one_replaced(bool trust)
    {
        var database = new InMemoryCheckpointDatabase();
        var saver = new InMemorySaver(database, chunkCache: new ChunkCacheOptions { TrustUnchangedItems = trust });
        var chat = Chat(300);
        var config = Put(saver, RunConfig.ForThread("t"), chat, "1");
        config = Put(saver, config, chat, "2");

        chat[100].Contents[0] = new TextContent("edited in place");
        chat[200] = new ChatMessage(ChatRole.Assistant, "replaced") { MessageId = "m200" };
        var edited = Put(saver, config, chat, "3");

        var stored = Assert.IsType<List<ChatMessage>>(new InMemorySaver(database).GetTuple(edited)!.Checkpoint.ChannelValues[Messages]);
        Assert.Equal("replaced", stored[200].Text);
        Assert.Equal(trust ? $"message 0100 {new string('x', 150)}" : "edited in place", stored[100].Text);
        Assert.Equal(stored[100].Text, ((List<ChatMessage>)saver.GetTuple(edited)!.Checkpoint.ChannelValues[Messages]!)[100].Text);
    }

    [Fact]
    public void Immutable_items_merged_into_a_larger_chunk_are_not_walked_again()
    {
        var serializer = new JsonCheckpointSerializer(new JsonCheckpointSerializerOptions().Register<CountedNote>("counted-note"));
        var database = new InMemoryCheckpointDatabase();
        var saver = new InMemorySaver(database, serializer);
        var notes = Enumerable.Range(0, 319).Select(i => new CountedNote($"note {i:D4} " + new string('x', 100))).ToList();
        var config = Put(saver, RunConfig.ForThread("t"), notes, "1");
        config = Put(saver, config, notes, "2");
        var before = CountedNote.Reads;

        // 320 items: three leaves and the tail merge into a chunk of 64; only the new note is read (to serialize it).
        notes.Add(new CountedNote("merged"));
        var merged = Put(saver, config, notes, "3");
        var reads = CountedNote.Reads - before;

        Assert.InRange(reads, 1, ChunkedValue.LeafItems);
        Assert.Equal(2, ChunkReferences(saver, merged).Count);
        var stored = Assert.IsType<List<CountedNote>>(new InMemorySaver(database, serializer).GetTuple(merged)!.Checkpoint.ChannelValues[Messages]);
        Assert.Equal(notes.Select(n => n.Text), stored.Select(n => n.Text));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void At_a_merge_step_a_replaced_message_is_stored_and_one_changed_in_place_only_without_trust(bool trust)
    {
        var database = new InMemoryCheckpointDatabase();
        var saver = new InMemorySaver(database, chunkCache: new ChunkCacheOptions { TrustUnchangedItems = trust });
        var all = Chat(320);
        var chat = all[..300];
        var config = GrowOneByOne(saver, RunConfig.ForThread("t"), chat, all, 319);

        chat.Add(all[319]);
        chat[300] = new ChatMessage(ChatRole.Assistant, "replaced at the merge") { MessageId = "m300" };
        chat[301].Contents[0] = new TextContent("edited in place at the merge");
        var merged = Put(saver, config, chat, "320");

        var stored = Assert.IsType<List<ChatMessage>>(new InMemorySaver(database).GetTuple(merged)!.Checkpoint.ChannelValues[Messages]);
        Assert.Equal("replaced at the merge", stored[300].Text);
        Assert.Equal(trust ? $"message 0301 {new string('x', 150)}" : "edited in place at the merge", stored[301].Text);
        Assert.Equal(chat.Select(m => m.Text).Where((_, i) => i != 301), stored.Select(m => m.Text).Where((_, i) => i != 301));
        Assert.Equal(stored.Select(m => m.Text), ((List<ChatMessage>)saver.GetTuple(merged)!.Checkpoint.ChannelValues[Messages]!).Select(m => m.Text));
    }

    [Theory]
    [InlineData(typeof(string), true)]
    [InlineData(typeof(Uri), true)]
    [InlineData(typeof(CountedNote), true)]
    [InlineData(typeof(FrozenNote), true)]
    [InlineData(typeof(ChatRole), true)]
    [InlineData(typeof(TaggedNote), false)]
    [InlineData(typeof(SettableNote), false)]
    [InlineData(typeof(ChatMessage), false)]
    [InlineData(typeof(TextContent), false)]
    [InlineData(typeof(System.Text.Json.JsonElement), false)]
    [InlineData(typeof(System.Text.Json.Nodes.JsonObject), false)]
    [InlineData(typeof(Dictionary<string, object>), false)]
    [InlineData(typeof(string[]), false)]
    [InlineData(typeof(object), false)]
    public void Only_types_whose_objects_cannot_change_are_immutable(Type type, bool immutable) =>
        Assert.Equal(immutable, ImmutableTypes.IsImmutable(type));

    /// <summary>An immutable note that counts every read of its text (comparing or serializing it reads it).</summary>
    public sealed class CountedNote(string text)
    {
        private static int s_reads;
        private readonly string _text = text;

        public static int Reads => Volatile.Read(ref s_reads);

        public string Text
        {
            get
            {
                Interlocked.Increment(ref s_reads);
                return _text;
            }
        }
    }

    /// <summary>A record whose members are init-only, one of them a list that can still change in place.</summary>
    public sealed record TaggedNote(string Text, List<string> Tags);

    /// <summary>A record of immutable members only.</summary>
    public sealed record FrozenNote(string Text, DateTimeOffset At, ImmutableArray<string> Tags, ChatRole Role);

    /// <summary>A note that can be changed after construction.</summary>
    public sealed class SettableNote
    {
        public string? Text { get; set; }
    }
}
