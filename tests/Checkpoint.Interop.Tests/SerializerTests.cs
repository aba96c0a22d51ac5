using System.Text.Json.Nodes;
using Checkpoint.Interop.Tests.Data;
using Checkpoint.Interop.Tests.Harness;
using Microsoft.Extensions.AI;

namespace Checkpoint.Interop.Tests;

/// <summary>
/// Values through LangGraph.js's own <c>JsonPlusSerializer</c>, with no database: what it stores we read as the expected
/// .NET value, and what we store for it (<see cref="LangGraphSerializer.Js"/>) it loads exactly as it loads its own.
/// </summary>
public sealed class SerializerTests(NodeHarnessFixture fixture) : InteropTest(fixture)
{
    public static TheoryData<string> Cases => [.. SerializerCases.All.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_value_LangGraph_js_stores_reads_as_the_expected_dotnet_value(string name)
    {
        var (described, expected) = SerializerCases.All[name];
        var dumped = (await CallAsync("serde.dumps", new { value = described }))!;
        var stored = new SerializedValue(dumped["type"]!.GetValue<string>(), Convert.FromBase64String(dumped["data"]!.GetValue<string>()));

        var read = JsonCheckpointSerializer.Default.Deserialize(stored);

        ValueAssert.Equal(expected, read, $"'{name}' as we read it");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_value_we_store_for_LangGraph_js_loads_there_as_its_own_does(string name)
    {
        var (described, expected) = SerializerCases.All[name];
        var stored = LangGraphSerializer.Js.Serialize(expected);

        var loaded = await CallAsync("serde.loads", new { type = stored.Type, data = Convert.ToBase64String(stored.Data) });
        var own = await CallAsync("serde.roundtrip", new { value = described });

        ValueAssert.JsonEqual(own, loaded, $"'{name}' as LangGraph.js loads it");
        ValueAssert.Equal(expected, JsonCheckpointSerializer.Default.Deserialize(stored), $"'{name}' read back by us");
    }

    [Fact]
    public async Task A_dotnet_set_and_a_map_with_integer_keys_load_in_LangGraph_js_as_a_Set_and_a_Map()
    {
        var value = new Dictionary<string, object?>
        {
            ["set"] = new HashSet<string> { "a", "b" },
            ["map"] = new Dictionary<object, object?> { [1L] = "one", ["two"] = 2L },
        };
        var stored = LangGraphSerializer.Js.Serialize(value);

        var loaded = await CallAsync("serde.loads", new { type = stored.Type, data = Convert.ToBase64String(stored.Data) });

        ValueAssert.JsonEqual(
            JsonNode.Parse("""{"set":{"$set":["a","b"]},"map":{"$map":[[1,"one"],["two",2]]}}"""),
            loaded,
            "A set and a map as LangGraph.js loads them");
    }

    [Fact]
    public async Task A_tool_message_with_two_results_becomes_two_tool_messages_in_a_list()
    {
        var message = new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c1", "one"), new FunctionResultContent("c2", "two")]);
        var stored = LangGraphSerializer.Js.Serialize(new List<ChatMessage> { message });

        var loaded = await CallAsync("serde.loads", new { type = stored.Type, data = Convert.ToBase64String(stored.Data) });

        Assert.Equal(["c1", "c2"], loaded!.AsArray().Select(m => m!["$message"]!["tool_call_id"]!.GetValue<string>()));
        Assert.Throws<CheckpointSerializationException>(() => LangGraphSerializer.Js.Serialize(message));
    }
}
