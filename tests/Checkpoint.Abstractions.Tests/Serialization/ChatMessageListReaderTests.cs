using System.Text;
using Microsoft.Extensions.AI;

namespace Checkpoint.Abstractions.Tests.Serialization;

/// <summary>
/// Stored chat histories load exactly as System.Text.Json's own contracts load them, whatever their shape, while the
/// common shape (role, text, id, author) is built directly.
/// </summary>
public sealed class ChatMessageListReaderTests
{
    private const string Tag = "json:list<chatmessage>";

    // The same contracts passed as options of the caller's own: every list goes through System.Text.Json's reader.
    private static readonly JsonCheckpointSerializer Reference =
        new(new JsonCheckpointSerializerOptions { JsonSerializerOptions = JsonCheckpointSerializer.DefaultJsonSerializerOptions });

    public static TheoryData<string> StoredLists => new()
    {
        """[{"role":"user","contents":[{"$type":"text","text":"plain"}],"messageId":"m1"},{"role":"assistant","contents":[{"$type":"text","text":"reply"}]}]""",
        """[{"role":"system","authorName":"ops","contents":[{"$type":"text","text":"a"},{"$type":"text","text":"b"}]},{"role":"tool","contents":[]},{"role":"user"}]""",
        """[{"role":"user","contents":[{"$type":"text","text":"esc \" \\ \u00e9 \ud83d\ude00 \n"}],"messageId":"\u006d1"}]""",
        """[{"role":"user","authorName":"   ","contents":[{"$type":"text","text":""}]}]""",
        """[{"role":"User","contents":[{"$type":"text","text":"role in another case"}]},{"role":"critic","contents":[{"$type":"text","text":"custom"}]}]""",
        """[{"Role":"assistant","Contents":[{"$type":"text","text":"names in another case"}]}]""",
        """[{"role":"user","role":"assistant","contents":[{"$type":"text","text":"repeated"}]}]""",
        """[{"role":"user","messageId":null,"authorName":null,"contents":[{"$type":"text","text":null}]}]""",
        """[{"contents":[{"$type":"text","text":"no role"}]}]""",
        """[{"role":"user","contents":[{"$type":"text","text":"t","annotations":[]}]},{"role":"user","contents":[{"text":"untyped"}]}]""",
        """[{"role":"assistant","contents":[{"$type":"functionCall","callId":"c1","name":"lookup","arguments":{"city":"Oslo"}}]}]""",
        """[{"role":"user","createdAt":"2026-05-06T07:08:09-03:00","contents":[{"$type":"text","text":"dated"}],"additionalProperties":{"turn":4}}]""",
        """[{"role":"user","text":"ignored property","contents":[{"$type":"text","text":"x"}],"unknown":[1,{"a":2}]}]""",
        """[]""",
        """ [ {"role":"user","contents":[{"$type":"text","text":"spaced"}]} ] """,
    };

    [Theory]
    [MemberData(nameof(StoredLists))]
    public void A_stored_list_loads_as_the_serializers_own_contracts_load_it(string json)
    {
        var value = new SerializedValue(Tag, Encoding.UTF8.GetBytes(json));
        var expected = (List<ChatMessage>)Reference.Deserialize(value)!;

        var loaded = Assert.IsType<List<ChatMessage>>(JsonCheckpointSerializer.Default.Deserialize(value));

        Assert.Equal(Describe(expected), Describe(loaded));
        Assert.Equal(JsonCheckpointSerializer.Default.Serialize(expected).Data, JsonCheckpointSerializer.Default.Serialize(loaded).Data);
    }

    [Fact]
    public void Every_message_loads_as_its_own_instance_with_its_own_contents()
    {
        var json = """[{"role":"user","contents":[{"$type":"text","text":"same"}]},{"role":"user","contents":[{"$type":"text","text":"same"}]}]"""u8.ToArray();

        var loaded = (List<ChatMessage>)JsonCheckpointSerializer.Default.Deserialize(new SerializedValue(Tag, json))!;
        loaded[0].Contents.Add(new TextContent("only the first"));

        Assert.NotSame(loaded[0], loaded[1]);
        Assert.Single(loaded[1].Contents);
    }

    [Theory]
    [InlineData("""[{"role":"user","contents":[{"$type":"text","text":"unterminated"}]""")]
    [InlineData("""[{"role":"user","contents":[{"$type":"text","text":"x"}]}] trailing""")]
    [InlineData("""[{"role":"user","contents":[{"$type":"text","text":"x"}]},]""")]
    [InlineData("""[{"role":"user","contents":[{"$type":"nope","text":"x"}]}]""")]
    [InlineData("""[{"role":5}]""")]
    [InlineData("""[null, 1]""")]
    [InlineData("""{"role":"user"}""")]
    public void Damaged_or_foreign_json_fails_with_the_serializers_own_error(string json)
    {
        var value = new SerializedValue(Tag, Encoding.UTF8.GetBytes(json));

        var expected = Assert.Throws<CheckpointSerializationException>(() => Reference.Deserialize(value));
        var error = Assert.Throws<CheckpointSerializationException>(() => JsonCheckpointSerializer.Default.Deserialize(value));

        Assert.Equal(expected.Message, error.Message);
    }

    private static List<string> Describe(List<ChatMessage> messages) =>
    [
        .. messages.Select(m =>
            $"{m.Role.Value}|{m.AuthorName}|{m.MessageId}|{m.CreatedAt}|{m.AdditionalProperties?.Count}|{m.Contents.GetType().Name}|"
            + string.Join(";", m.Contents.Select(c => $"{c.GetType().Name}:{(c as TextContent)?.Text}:{c.Annotations?.Count}:{c.AdditionalProperties?.Count}"))),
    ];
}
