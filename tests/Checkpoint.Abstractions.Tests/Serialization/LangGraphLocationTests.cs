using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace Checkpoint.Abstractions.Tests.Serialization;

// LangGraph's formats carry no location; encryption over them still binds, and a plain LangGraph tag never passes for a ciphertext.
public sealed class LangGraphLocationTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly ValueLocation Here = ValueLocation.ChannelValue("thread-a", "", "messages", "2");
    private static readonly ValueLocation Elsewhere = ValueLocation.ChannelValue("thread-b", "", "messages", "2");

    public static TheoryData<CheckpointWireFormat> Formats => [CheckpointWireFormat.LangGraphJs, CheckpointWireFormat.LangGraphPython];

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_langgraph_value_reads_the_same_wherever_it_is_read(CheckpointWireFormat format)
    {
        ICheckpointSerializer serializer = new LangGraphSerializer(format);

        var stored = serializer.Serialize("hello", Here);

        Assert.False(serializer.BindsLocation);
        Assert.Equal("hello", serializer.Deserialize(stored, Elsewhere));
        Assert.Equal("hello", serializer.Deserialize(stored, default));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Encryption_over_a_langgraph_format_round_trips_messages_and_refuses_a_moved_ciphertext(CheckpointWireFormat format)
    {
        var serializer = new EncryptedSerializer(new LangGraphSerializer(format), Key);
        var messages = new List<ChatMessage> { new(ChatRole.User, "my account number is 1234") };

        var stored = serializer.Serialize(messages, Here);

        Assert.EndsWith("+aesgcm:" + serializer.KeyId, stored.Type, StringComparison.Ordinal);
        Assert.DoesNotContain("1234", Encoding.UTF8.GetString(stored.Data), StringComparison.Ordinal);
        var read = Assert.IsType<List<ChatMessage>>(serializer.Deserialize(stored, Here));
        Assert.Equal("my account number is 1234", Assert.Single(read).Text);
        var error = Assert.Throws<CheckpointSerializationException>(() => serializer.Deserialize(stored, Elsewhere));
        Assert.Contains("failed authentication", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json", "\"attacker-chosen\"")]
    [InlineData("bytes", "attacker-chosen")]
    [InlineData("null", "")]
    public void A_plain_langgraph_value_planted_where_a_ciphertext_belongs_is_refused(string tag, string data)
    {
        var serializer = new EncryptedSerializer(JsonCheckpointSerializer.Default, Key);

        var error = Assert.Throws<CheckpointSerializationException>(() => serializer.Deserialize(new SerializedValue(tag, Encoding.UTF8.GetBytes(data)), Here));

        Assert.Contains("not encrypted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_langgraph_serializer_passes_the_location_to_a_fallback_that_binds_it()
    {
        var encrypted = new EncryptedSerializer(JsonCheckpointSerializer.Default, Key);
        ICheckpointSerializer serializer = new LangGraphSerializer(CheckpointWireFormat.LangGraphJs, encrypted);
        var stored = encrypted.Serialize("written before the switch to LangGraph's format", Here);

        Assert.True(serializer.BindsLocation);
        Assert.Equal("written before the switch to LangGraph's format", serializer.Deserialize(stored, Here));
        Assert.Throws<CheckpointSerializationException>(() => serializer.Deserialize(stored, Elsewhere));
    }
}
