using System.Text;
using Microsoft.Extensions.AI;

namespace Checkpoint.Abstractions.Tests.Serialization;

/// <summary>
/// What the default serializer makes of values LangGraph stores, beyond what the interop tests cover: records it must
/// keep inert, and damaged bytes it must refuse with a <see cref="CheckpointSerializationException"/>.
/// </summary>
public sealed class LangGraphValueTests
{
    private static object? ReadJson(string json) => JsonCheckpointSerializer.Default.Deserialize(new SerializedValue("json", Encoding.UTF8.GetBytes(json)));

    private static object? ReadMsgpack(string hex) => JsonCheckpointSerializer.Default.Deserialize(new SerializedValue("msgpack", Convert.FromHexString(hex)));

    [Theory]
    [InlineData("""{"lc":1,"type":"constructor","id":["langchain_core","documents","Document"],"kwargs":{"page_content":"x"}}""")]
    [InlineData("""{"lc":1,"type":"constructor","id":["langchain_core","messages","EvilMessage"],"kwargs":{"content":"x"}}""")]
    [InlineData("""{"lc":2,"type":"constructor","id":["os","system"],"method":"system","args":["rm -rf /"],"kwargs":{}}""")]
    [InlineData("""{"lc":2,"type":"constructor","id":["langchain_core","messages","human","AIMessage"],"kwargs":{"content":"x"}}""")]
    [InlineData("""{"lc":1,"type":"secret","id":["OPENAI_API_KEY"]}""")]
    public void A_record_of_a_class_not_on_the_allow_list_stays_plain_data(string json)
    {
        var value = ReadJson(json);

        var map = Assert.IsType<Dictionary<string, object?>>(value);
        Assert.True(map.ContainsKey("lc"));
    }

    [Theory]
    [InlineData("""{"lc":1,"type":"constructor","id":["langchain","schema","messages","HumanMessage"],"kwargs":{"content":"hi","type":"human"}}""")]
    [InlineData("""{"lc":2,"type":"constructor","id":["langchain_core","messages","human","HumanMessage"],"method":[null,"model_construct"],"kwargs":{"content":"hi","type":"human"}}""")]
    [InlineData("""{"lc":1,"type":"constructor","id":["langchain_core","messages","HumanMessage"],"kwargs":{"content":"hi"}}""")]
    public void LangChain_message_records_of_both_runtimes_read_as_chat_messages(string json)
    {
        var message = Assert.IsType<ChatMessage>(ReadJson(json));

        Assert.Equal(ChatRole.User, message.Role);
        Assert.Equal("hi", message.Text);
        Assert.Null(message.AdditionalProperties);
    }

    [Fact]
    public void Python_legacy_bytes_records_read_as_bytes()
    {
        Assert.Equal(new byte[] { 0xde, 0xad }, ReadJson("""{"lc":2,"type":"constructor","id":["builtins","bytes"],"method":"fromhex","args":["dead"]}"""));
    }

    [Fact]
    public void An_escaped_object_inside_a_message_is_not_revived()
    {
        var message = Assert.IsType<ChatMessage>(ReadJson(
            """{"lc":1,"type":"constructor","id":["langchain_core","messages","AIMessage"],"kwargs":{"content":"x","additional_kwargs":{"m":{"__lc_escaped__":{"lc":1,"type":"constructor","id":["langchain_core","messages","AIMessage"],"kwargs":{}}}}}}"""));

        var kwargs = Assert.IsType<Dictionary<string, object?>>(message.AdditionalProperties!["additional_kwargs"]);
        Assert.IsType<Dictionary<string, object?>>(kwargs["m"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"a\":")]
    [InlineData("nope")]
    public void Json_that_does_not_parse_is_refused(string json)
    {
        Assert.Throws<CheckpointSerializationException>(() => ReadJson(json));
    }

    [Theory]
    [InlineData("", "ends early")]
    [InlineData("92", "ends early")]
    [InlineData("dd7fffffff", "ends early")]
    [InlineData("c1", "is not a MessagePack type")]
    [InlineData("a2c328", "not valid UTF-8")]
    [InlineData("2a2a", "bytes follow the value")]
    [InlineData("81c001", "map key is nil")]
    [InlineData("d40901", "extension type 9")]
    [InlineData("d40001", "malformed extension")]
    [InlineData("c7050093a1610102", "malformed extension")]
    public void Damaged_msgpack_is_refused_saying_what_is_wrong(string hex, string problem)
    {
        var error = Assert.Throws<CheckpointSerializationException>(() => ReadMsgpack(hex));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Msgpack_nested_deeper_than_the_limit_is_refused_without_exhausting_the_stack()
    {
        var hex = string.Concat(Enumerable.Repeat("91", 100_000)) + "c0";

        Assert.Throws<CheckpointSerializationException>(() => ReadMsgpack(hex));
    }

    [Fact]
    public void Json_nested_deeper_than_the_limit_is_refused()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);

        Assert.Throws<CheckpointSerializationException>(() => ReadJson(json));
    }

    [Fact]
    public void A_value_with_no_LangGraph_js_form_is_refused_naming_its_path()
    {
        var error = Assert.Throws<CheckpointSerializationException>(() => LangGraphSerializer.Js.Serialize(new Dictionary<string, object?> { ["scores"] = new List<object?> { 1.0, double.NaN } }));

        Assert.Equal("$.scores[1]", error.Path);
    }

    [Fact]
    public void A_cycle_is_refused_instead_of_overflowing()
    {
        var cycle = new List<object?>();
        cycle.Add(cycle);

        Assert.Throws<CheckpointSerializationException>(() => LangGraphSerializer.Js.Serialize(cycle));
        Assert.Throws<CheckpointSerializationException>(() => LangGraphSerializer.Python.Serialize(cycle));
    }

    [Fact]
    public void Content_LangChain_has_no_block_for_is_refused_rather_than_dropped()
    {
        var message = new ChatMessage(ChatRole.Assistant, [new UsageContent(new UsageDetails { TotalTokenCount = 3 })]);

        Assert.Throws<CheckpointSerializationException>(() => LangGraphSerializer.Js.Serialize(message));
    }

    [Fact]
    public void Both_LangGraph_formats_read_values_of_the_other_and_native_values()
    {
        var js = LangGraphSerializer.Js.Serialize(new List<object?> { "a", 1L });
        var python = LangGraphSerializer.Python.Serialize(new List<object?> { "a", 1L });
        var native = JsonCheckpointSerializer.Default.Serialize(new List<string> { "a" });

        Assert.Equal(("json", "msgpack"), (js.Type, python.Type));
        Assert.Equal(new List<object?> { "a", 1L }, LangGraphSerializer.Python.Deserialize(js));
        Assert.Equal(new List<object?> { "a", 1L }, LangGraphSerializer.Js.Deserialize(python));
        Assert.Equal(new List<string> { "a" }, LangGraphSerializer.Js.Deserialize(native));
        Assert.Equal(("null", "json"), (LangGraphSerializer.Python.Serialize(null).Type, LangGraphSerializer.Js.Serialize(null).Type));
        Assert.Null(JsonCheckpointSerializer.Default.Deserialize(new SerializedValue("empty", [])));
    }
}
