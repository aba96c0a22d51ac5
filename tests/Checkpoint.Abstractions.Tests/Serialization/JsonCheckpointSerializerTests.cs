using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Checkpoint.Abstractions.Tests.Serialization;

public sealed class JsonCheckpointSerializerTests
{
    private readonly JsonCheckpointSerializer _serializer = JsonCheckpointSerializer.Default;

    public static TheoryData<object?, string> BuiltInValues => new()
    {
        { "hello", "json:string" },
        { 42, "json:int32" },
        { 42L, "json:int64" },
        { 1.5, "json:double" },
        { 2.5f, "json:single" },
        { 12.34m, "json:decimal" },
        { true, "json:bool" },
        { new Guid("6f9619ff-8b86-d011-b42d-00cf4fc964ff"), "json:guid" },
        { new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(2)), "json:datetimeoffset" },
        { TimeSpan.FromMinutes(3), "json:timespan" },
        { new List<int> { 1, 2, 3 }, "json:list<int32>" },
        { new[] { "a", "b" }, "json:array<string>" },
        { new Dictionary<string, long> { ["a"] = 1 }, "json:dict<int64>" },
        { new List<List<string>> { new() { "x" } }, "json:list<list<string>>" },
        { null, "null" },
    };

    [Theory]
    [MemberData(nameof(BuiltInValues))]
    public void Built_in_values_round_trip_with_their_type(object? value, string expectedTag)
    {
        var stored = _serializer.Serialize(value);
        var loaded = _serializer.Deserialize(stored);

        Assert.Equal(expectedTag, stored.Type);
        Assert.Equal(value, loaded);
        Assert.Equal(value?.GetType(), loaded?.GetType());
    }

    [Fact]
    public void Byte_arrays_are_stored_raw()
    {
        var stored = _serializer.Serialize(new byte[] { 0, 1, 255 });

        Assert.Equal("bytes", stored.Type);
        Assert.Equal(new byte[] { 0, 1, 255 }, stored.Data);
        Assert.Equal(new byte[] { 0, 1, 255 }, _serializer.Deserialize(stored));
    }

    [Fact]
    public void Double_special_values_round_trip()
    {
        foreach (var value in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            Assert.Equal(value, _serializer.Deserialize(_serializer.Serialize(value)));
        }
    }

    [Fact]
    public void Chat_message_lists_round_trip_without_registration()
    {
        var messages = new List<ChatMessage>
        {
            new(ChatRole.User, "hi! I'm bob") { MessageId = "m1" },
            new(ChatRole.Assistant, [new TextContent("Hello Bob"), new FunctionCallContent("call-1", "lookup", new Dictionary<string, object?> { ["q"] = "bob" })]),
        };

        var stored = _serializer.Serialize(messages);
        var loaded = Assert.IsType<List<ChatMessage>>(_serializer.Deserialize(stored));

        Assert.Equal("json:list<chatmessage>", stored.Type);
        Assert.Equal(2, loaded.Count);
        Assert.Equal(ChatRole.User, loaded[0].Role);
        Assert.Equal("m1", loaded[0].MessageId);
        Assert.Equal("hi! I'm bob", loaded[0].Text);
        var call = Assert.IsType<FunctionCallContent>(loaded[1].Contents[1]);
        Assert.Equal("lookup", call.Name);
        Assert.Equal("call-1", call.CallId);
    }

    [Fact]
    public void Json_nodes_round_trip_as_json_nodes()
    {
        var node = JsonNode.Parse("""{"a":[1,"two",null,{"b":true}]}""");

        var loaded = _serializer.Deserialize(_serializer.Serialize(node));

        var json = Assert.IsType<JsonObject>(loaded);
        Assert.True(JsonNode.DeepEquals(node, json));
    }

    [Fact]
    public void Untyped_containers_load_back_as_plain_values()
    {
        var value = new Dictionary<string, object?> { ["n"] = 1, ["x"] = 2.5, ["s"] = "t", ["l"] = new List<object?> { true, null }, ["d"] = new Dictionary<string, object?> { ["k"] = "v" } };

        var loaded = Assert.IsType<Dictionary<string, object?>>(_serializer.Deserialize(_serializer.Serialize(value)));

        Assert.Equal(1L, loaded["n"]);
        Assert.Equal(2.5, loaded["x"]);
        Assert.Equal("t", loaded["s"]);
        Assert.Equal(new List<object?> { true, null }, loaded["l"]);
        Assert.Equal("v", Assert.IsType<Dictionary<string, object?>>(loaded["d"])["k"]);
    }

    [Fact]
    public void Delta_snapshots_round_trip_with_their_inner_type()
    {
        var stored = _serializer.Serialize(new DeltaSnapshot(new List<string> { "a" }));

        var loaded = Assert.IsType<DeltaSnapshot>(_serializer.Deserialize(stored));

        Assert.Equal("snapshot:json:list<string>", stored.Type);
        Assert.Equal(new List<string> { "a" }, loaded.Value);
    }

    [Fact]
    public void Unregistered_types_are_refused_on_write_with_a_hint()
    {
        var error = Assert.Throws<CheckpointSerializationException>(() => _serializer.Serialize(new Todo("write tests", false)));

        Assert.Contains(typeof(Todo).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("Register", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unregistered_type_names_in_stored_data_are_refused_and_never_instantiated()
    {
        var forged = new SerializedValue("json:System.Diagnostics.Process", Encoding.UTF8.GetBytes("{}"));

        var error = Assert.Throws<CheckpointSerializationException>(() => _serializer.Deserialize(forged));

        Assert.Contains("not on the allow-list", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json:list<System.Diagnostics.Process>")]
    [InlineData("json:dict<todo>")]
    [InlineData("json:list<list<list<list<list<list<list<list<list<list<string>>>>>>>>>>")]
    [InlineData("pickle")]
    [InlineData("msgpack")]
    public void Forged_or_foreign_tags_are_refused(string tag)
    {
        Assert.Throws<CheckpointSerializationException>(() => _serializer.Deserialize(new SerializedValue(tag, Encoding.UTF8.GetBytes("[]"))));
    }

    [Fact]
    public void Registered_types_round_trip_alone_and_in_typed_containers()
    {
        var serializer = new JsonCheckpointSerializer(new JsonCheckpointSerializerOptions().Register<Todo>("todo"));
        var todos = new List<Todo> { new("a", true), new("b", false) };

        var stored = serializer.Serialize(todos);

        Assert.Equal("json:list<todo>", stored.Type);
        Assert.Equal(todos, serializer.Deserialize(stored));
        Assert.Equal(new Todo("c", true), serializer.Deserialize(serializer.Serialize(new Todo("c", true))));
    }

    [Fact]
    public void A_value_the_default_serializer_cannot_read_is_reported_not_guessed()
    {
        var writer = new JsonCheckpointSerializer(new JsonCheckpointSerializerOptions().Register<Todo>("todo"));

        var error = Assert.Throws<CheckpointSerializationException>(() => _serializer.Deserialize(writer.Serialize(new Todo("a", true))));

        Assert.Contains("'todo'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_plain_value_inside_an_untyped_container_names_its_path()
    {
        var value = new Dictionary<string, object?> { ["items"] = new List<object?> { 1, new Todo("x", true) } };

        var error = Assert.Throws<CheckpointSerializationException>(() => _serializer.Serialize(value));

        Assert.Equal("$.items[1]", error.Path);
        Assert.Contains("$.items[1]", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(Todo), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_member_of_a_registered_type_names_its_path()
    {
        var serializer = new JsonCheckpointSerializer(new JsonCheckpointSerializerOptions().Register<WithCallback>("with-callback"));

        var error = Assert.Throws<CheckpointSerializationException>(() => serializer.Serialize(new WithCallback("n", () => 1)));

        Assert.Equal("$.Callback", error.Path);
    }

    [Fact]
    public void An_untyped_member_of_a_registered_type_names_the_full_path()
    {
        var serializer = new JsonCheckpointSerializer(new JsonCheckpointSerializerOptions().Register<Envelope>("envelope"));

        var error = Assert.Throws<CheckpointSerializationException>(() => serializer.Serialize(new Envelope(new List<object?> { "ok", DateTime.UnixEpoch })));

        Assert.Equal("$.Payload[1]", error.Path);
    }

    [Fact]
    public void Corrupt_json_for_a_known_type_is_a_serialization_error()
    {
        var error = Assert.Throws<CheckpointSerializationException>(() => _serializer.Deserialize(new SerializedValue("json:int32", Encoding.UTF8.GetBytes("\"not a number\""))));

        Assert.Contains("int32", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1abc")]
    [InlineData("has space")]
    [InlineData("plus+sign")]
    [InlineData("list<x>")]
    [InlineData("string")]
    public void Registration_rejects_malformed_or_built_in_names(string name)
    {
        Assert.ThrowsAny<ArgumentException>(() => new JsonCheckpointSerializerOptions().Register<Todo>(name));
    }

    [Fact]
    public void Registration_rejects_one_name_for_two_types()
    {
        var options = new JsonCheckpointSerializerOptions().Register<Todo>("item");

        Assert.Throws<ArgumentException>(() => options.Register<Envelope>("item"));
    }

    public sealed record Todo(string Title, bool Done);

    public sealed record WithCallback(string Name, Func<int> Callback);

    public sealed record Envelope(object? Payload);
}
