using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace Checkpoint.Abstractions.Tests.Serialization;

/// <summary>
/// The written-out comparer of chat messages (<see cref="ChatMessageEquality"/>) against the general contract walk
/// and against the serializer itself: for every sample message and every single edit of it (each member of the
/// message and of each of its contents set, cleared, changed subtly, or replaced by something that serializes the
/// same), the three verdicts are the same.
/// </summary>
public sealed class ChatMessageEqualityTests
{
    private static ListItemCodec Codec => ListSamples.Serializer.ListItems;

    private static ListDescription Description => Codec.Describe(new List<ChatMessage>())!;

    public static TheoryData<int> Samples => [.. Enumerable.Range(0, AllSamples().Count)];

    [Fact]
    public void The_default_contracts_get_the_written_out_comparer()
    {
        Assert.NotNull(Description.Messages);
        Assert.NotNull(JsonCheckpointSerializer.Default.ListItems.Describe(new ChatMessage[2])!.Messages);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_single_edit_gets_the_verdicts_of_the_general_walk_and_of_the_serialized_json(int sample)
    {
        var edits = Edits(AllSamples()[sample]).ToList();
        Assert.NotEmpty(edits);
        var unequal = 0;
        foreach (var (name, edit) in edits)
        {
            var current = AllSamples()[sample];
            edit(current);
            var stored = Stored(sample);
            var jsonEqual = Json(current) == Json(stored);

            var general = SerializedEquality.Equal(current, Stored(sample), Description.ElementShape);
            var fast = Description.Messages!.Equal(current, stored);

            Assert.True(general == jsonEqual, $"edit '{name}': general walk {general}, serialized JSON equal {jsonEqual}");
            Assert.True(fast == jsonEqual, $"edit '{name}': written-out comparer {fast}, serialized JSON equal {jsonEqual}");
            Assert.Equal(fast, Codec.ItemEquals(Description, current, Stored(sample)));
            Assert.Equal(Json(Stored(sample)), Json(stored));
            unequal += jsonEqual ? 0 : 1;
        }

        // Most edits change the JSON; the rest (a value the serializer writes the same, a member it ignores) must not.
        Assert.InRange(unequal, edits.Count / 2, edits.Count);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void An_unedited_message_compares_equal_to_its_stored_copy_both_ways(int sample)
    {
        var current = AllSamples()[sample];

        Assert.True(Description.Messages!.Equal(current, Stored(sample)));
        Assert.True(Description.Messages!.Equal(Stored(sample), current));
    }

    [Fact]
    public void A_compared_stored_copy_takes_the_callers_equal_strings_and_serializes_as_before()
    {
        var current = new ChatMessage(ChatRole.Assistant, "a long enough answer") { MessageId = "m-1" };
        var stored = (ChatMessage)Codec.DeserializeItem(Description, Codec.SerializeItem(Description, current))!;
        var before = Json(stored);
        Assert.NotSame(((TextContent)current.Contents[0]).Text, ((TextContent)stored.Contents[0]).Text);

        Assert.True(Codec.ItemEquals(Description, current, stored));

        Assert.Same(((TextContent)current.Contents[0]).Text, ((TextContent)stored.Contents[0]).Text);
        Assert.Same(current.MessageId, stored.MessageId);
        Assert.Same(current.Role.Value, stored.Role.Value);
        Assert.Equal(before, Json(stored));
        Assert.NotSame(current.Contents[0], stored.Contents[0]);
    }

    [Fact]
    public void A_range_compares_as_its_items_do_wherever_the_difference_is()
    {
        var messages = AllSamples();
        var stored = Codec.DeserializeChunk(ListSamples.Serializer.Serialize(messages));
        var current = new List<ChatMessage?>(AllSamples()) { null };
        stored.Add(null);

        Assert.True(Codec.RangeEquals(Description, current, 0, stored));
        for (var i = 0; i < messages.Count; i++)
        {
            var edited = new List<ChatMessage?>(AllSamples()) { null };
            edited[i]!.MessageId += "'";

            Assert.False(Codec.RangeEquals(Description, edited, 0, stored));
        }

        var shifted = new List<ChatMessage?> { new(ChatRole.User, "before") };
        shifted.AddRange(AllSamples());
        shifted.Add(null);
        Assert.True(Codec.RangeEquals(Description, shifted, 1, stored));
        Assert.False(Codec.RangeEquals(Description, shifted, 0, stored));
    }

    [Fact]
    public void A_contract_that_serializes_other_members_leaves_messages_to_the_general_walk()
    {
        var options = new JsonSerializerOptions(JsonCheckpointSerializer.DefaultJsonSerializerOptions)
        {
            TypeInfoResolver = JsonCheckpointSerializer.DefaultJsonSerializerOptions.TypeInfoResolver!.WithAddedModifier(info =>
            {
                if (info.Type == typeof(ChatMessage) && info.Properties.FirstOrDefault(p => p.Name == "messageId") is { } id)
                {
                    info.Properties.Remove(id);
                }
            }),
        };
        var codec = new JsonCheckpointSerializer(new JsonCheckpointSerializerOptions { JsonSerializerOptions = options }).ListItems;
        var description = codec.Describe(new List<ChatMessage>())!;
        var current = new ChatMessage(ChatRole.User, "same") { MessageId = "one" };
        var stored = new ChatMessage(ChatRole.User, "same") { MessageId = "two" };

        Assert.Null(description.Messages);
        Assert.True(codec.ItemEquals(description, current, stored));
        Assert.False(Codec.ItemEquals(Description, current, stored));
    }

    // Every sample the item tests use, plus messages of the common shape and its near misses.
    private static List<ChatMessage> AllSamples() =>
    [
        .. ChatMessageSamples.EveryContentKind(),
        .. ListSamples.Chat(),
        new(ChatRole.User, "plain text") { MessageId = "msg-00001" },
        new(ChatRole.Assistant, "with an author") { AuthorName = "bot" },
        new(ChatRole.Assistant, [new TextContent("one"), new TextContent("two")]),
        new(ChatRole.System, [new TextContent(null)]),
        new(ChatRole.Tool, [new TextContent("text"), new TextReasoningContent("text")]) { CreatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) },
    ];

    private static ChatMessage Stored(int sample) =>
        (ChatMessage)Codec.DeserializeChunk(ListSamples.Serializer.Serialize(AllSamples()))[sample]!;

    private static string Json(ChatMessage message) => Encoding.UTF8.GetString(Codec.SerializeItem(Description, message));

    // Single edits of a message: each member set, cleared, changed subtly or rewritten to the same JSON, then the same
    // for every content it holds.
    private static IEnumerable<(string Name, Action<ChatMessage> Edit)> Edits(ChatMessage sample)
    {
        yield return ("author set", m => m.AuthorName = "someone");
        yield return ("author cleared", m => m.AuthorName = null);
        yield return ("author appended", m => m.AuthorName += "'");
        yield return ("author of spaces", m => m.AuthorName = "   ");
        yield return ("created set", m => m.CreatedAt = new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.FromHours(5.5)));
        yield return ("created cleared", m => m.CreatedAt = null);
        yield return ("created one tick later", m => m.CreatedAt = (m.CreatedAt ?? DateTimeOffset.UnixEpoch).AddTicks(1));
        yield return ("created same instant, other offset", m => m.CreatedAt = (m.CreatedAt ?? DateTimeOffset.UnixEpoch).ToOffset(TimeSpan.FromHours(1)));
        yield return ("role in other case", m => m.Role = new ChatRole(m.Role.Value.ToUpperInvariant()));
        yield return ("role other", m => m.Role = m.Role == ChatRole.System ? ChatRole.User : ChatRole.System);
        yield return ("role same value, new instance", m => m.Role = new ChatRole(new string(m.Role.Value.AsSpan())));
        yield return ("id set", m => m.MessageId = "id-x");
        yield return ("id cleared", m => m.MessageId = null);
        yield return ("id appended", m => m.MessageId += " ");
        yield return ("id same value, new instance", m => m.MessageId = m.MessageId is null ? null : new string(m.MessageId.AsSpan()));
        yield return ("properties empty", m => m.AdditionalProperties = []);
        yield return ("properties cleared", m => m.AdditionalProperties = null);
        yield return ("property added", m => (m.AdditionalProperties ??= [])["k"] = 1);
        yield return ("property decimal scale", m => (m.AdditionalProperties ??= [])["turn"] = 1.0m);
        yield return ("raw representation set", m => m.RawRepresentation = new object());
        yield return ("contents cleared", m => m.Contents = []);
        yield return ("contents as an array", m => m.Contents = [.. m.Contents]);
        yield return ("content added", m => m.Contents.Add(new TextContent("more")));
        yield return ("null content added", m => m.Contents.Add(null!));
        yield return ("contents reversed", m => m.Contents = [.. m.Contents.Reverse()]);
        for (var i = 0; i < sample.Contents.Count; i++)
        {
            var at = i;
            yield return ($"content {at} removed", m => m.Contents.RemoveAt(at));
            yield return ($"content {at} properties empty", m => m.Contents[at].AdditionalProperties = []);
            yield return ($"content {at} properties cleared", m => m.Contents[at].AdditionalProperties = null);
            yield return ($"content {at} property added", m => (m.Contents[at].AdditionalProperties ??= [])["k"] = "v");
            yield return ($"content {at} annotations empty", m => m.Contents[at].Annotations = []);
            yield return ($"content {at} annotations cleared", m => m.Contents[at].Annotations = null);
            yield return ($"content {at} annotation added", m => (m.Contents[at].Annotations ??= []).Add(new CitationAnnotation { Title = "t" }));
            yield return ($"content {at} raw representation set", m => m.Contents[at].RawRepresentation = "ignored");
            if (sample.Contents[at] is TextContent)
            {
                yield return ($"text {at} appended", m => ((TextContent)m.Contents[at]).Text += " ");
                yield return ($"text {at} in other case", m => ((TextContent)m.Contents[at]).Text = ((TextContent)m.Contents[at]).Text.ToUpperInvariant() + "A");
                yield return ($"text {at} cleared", m => ((TextContent)m.Contents[at]).Text = null);
                yield return ($"text {at} empty", m => ((TextContent)m.Contents[at]).Text = string.Empty);
                yield return ($"text {at} same value, new instance", m => ((TextContent)m.Contents[at]).Text = new string(((TextContent)m.Contents[at]).Text.AsSpan()));
                yield return ($"text {at} as reasoning", m => m.Contents[at] = new TextReasoningContent(((TextContent)m.Contents[at]).Text));
                yield return ($"text {at} as a new text content", m => m.Contents[at] = new TextContent(((TextContent)m.Contents[at]).Text));
            }
            else
            {
                yield return ($"content {at} as text", m => m.Contents[at] = new TextContent("text"));
            }
        }
    }
}
