using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Values through the backend: unicode, NUL characters inside strings, values up to
/// <see cref="BackendCapabilities.MaxValueBytes"/>, every built-in scalar, chat messages, JSON nodes, untyped
/// dictionaries, bytes, delta snapshots, registered types, encryption; and a value that cannot be serialized, which
/// throws <see cref="CheckpointSerializationException"/> naming the channel and stores nothing (contract:
/// Serialization, Put; beyond both LangGraph catalogues).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class ValueRoundTripTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    private static readonly string[] TrickyStrings =
    [
        string.Empty,
        " ",
        "héllo wörld ñ ß",
        "日本語のテキスト",
        "emoji 👩‍👩‍👧‍👦 🚀 🏳️‍🌈",
        "مرحبا بالعالم",
        "שלום עולם",
        "mixed \u202Eright-to-left\u202C override",
        "e\u0301 vs \u00e9",
        "NUL\0inside\0twice",
        "\0",
        "controls \u0001\u0007\u001f\u007f",
        "quotes ' \" ` and \\ backslash",
        "{\"looks\": \"like json\"}",
        "null",
        "'; DROP TABLE checkpoints; --",
        "line\nbreaks\r\nand\ttabs",
        "\uFEFFbyte order mark",
        "\uFFFD replacement and \uFFFF noncharacter",
    ];

    [Theory, BothModes]
    public virtual async Task Strings_with_unicode_and_nul_characters_round_trip_as_channel_values(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var values = TrickyStrings.Select((s, i) => (Channel: $"s{i}", Value: (object?)s)).ToDictionary(p => p.Channel, p => p.Value);
        var checkpoint = TestData.Checkpoint(values);

        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        foreach (var (channel, value) in values)
        {
            Assert.Equal((string)value!, Assert.IsType<string>(tuple.Checkpoint.ChannelValues[channel]));
        }
    }

    [Theory, BothModes]
    public virtual async Task Strings_with_unicode_and_nul_characters_round_trip_as_pending_writes(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());

        await saver.PutWritesAsync(stored, [.. TrickyStrings.Select(s => new ChannelWrite("ch", s))], "task");
        await saver.PutWritesAsync(stored, [new("ch", new List<string>(TrickyStrings))], "task-list");
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        Assert.Equal(TrickyStrings, tuple.PendingWrites.Where(w => w.TaskId == "task").Select(w => Assert.IsType<string>(w.Value)));
        Assert.Equal(TrickyStrings, Assert.IsType<List<string>>(tuple.PendingWrites.Single(w => w.TaskId == "task-list").Value));
    }

    [Theory, BothModes]
    public virtual async Task A_byte_array_of_the_maximum_value_size_round_trips(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var bytes = new byte[Capabilities.MaxValueBytes];
        new Random(20261123).NextBytes(bytes);
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["blob"] = bytes });

        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        var read = Assert.IsType<byte[]>(tuple.Checkpoint.ChannelValues["blob"]);
        Assert.Equal(bytes.Length, read.Length);
        Assert.True(bytes.AsSpan().SequenceEqual(read), "The large byte array changed on its way through the backend.");
    }

    [Theory, BothModes]
    public virtual async Task A_string_of_the_maximum_value_size_round_trips_as_a_pending_write(ApiMode mode)
    {
        var saver = CreateSaver(mode);

        // Serialized as JSON, the string and its two quotes fill exactly the maximum value size.
        var text = string.Create(Capabilities.MaxValueBytes - 2, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + (i % 26));
            }
        });
        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());

        await saver.PutWritesAsync(stored, [new("big", text)], "task");
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        var read = Assert.IsType<string>(Assert.Single(tuple.PendingWrites).Value);
        Assert.Equal(text.Length, read.Length);
        Assert.True(string.Equals(text, read, StringComparison.Ordinal), "The large string changed on its way through the backend.");
    }

    [Theory, BothModes]
    public virtual async Task Every_built_in_scalar_type_round_trips_with_its_type(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var values = new Dictionary<string, object?>
        {
            ["short"] = short.MinValue,
            ["int"] = int.MaxValue,
            ["long_min"] = long.MinValue,
            ["long_max"] = long.MaxValue,
            ["uint"] = uint.MaxValue,
            ["ulong"] = ulong.MaxValue,
            ["float"] = 3.4028235E+38f,
            ["float_small"] = 1.1f,
            ["double"] = 0.1,
            ["double_epsilon"] = double.Epsilon,
            ["double_max"] = double.MaxValue,
            ["double_nan"] = double.NaN,
            ["double_inf"] = double.PositiveInfinity,
            ["double_neg_inf"] = double.NegativeInfinity,
            ["decimal_max"] = decimal.MaxValue,
            ["decimal_tiny"] = 0.0000000000000000000000000001m,
            ["decimal_scale"] = 1.10m,
            ["char"] = 'ß',
            ["bool"] = true,
            ["datetime_utc"] = new DateTime(2026, 11, 23, 19, 38, 17, 123, DateTimeKind.Utc).AddTicks(4567),
            ["datetimeoffset"] = new DateTimeOffset(2026, 11, 23, 19, 38, 17, 123, TimeSpan.FromHours(-5.5)),
            ["dateonly"] = new DateOnly(1999, 12, 31),
            ["timeonly"] = new TimeOnly(23, 59, 59, 999),
            ["timespan"] = TimeSpan.FromTicks(-123456789012345),
            ["guid"] = new Guid("6f9619ff-8b86-d011-b42d-00cf4fc964ff"),
            ["uri"] = new Uri("https://example.com/a%20b?q=ü#frag"),
        };
        var checkpoint = TestData.Checkpoint(values);

        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        foreach (var (channel, value) in values)
        {
            var read = tuple.Checkpoint.ChannelValues[channel];
            Assert.Equal(value!.GetType(), read?.GetType());
            Assert.True(Equals(value, read), $"{channel}: wrote {value}, read {read}.");
        }

        Assert.Equal("1.10", ((decimal)tuple.Checkpoint.ChannelValues["decimal_scale"]!).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.FromHours(-5.5), ((DateTimeOffset)tuple.Checkpoint.ChannelValues["datetimeoffset"]!).Offset);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)tuple.Checkpoint.ChannelValues["datetime_utc"]!).Kind);
    }

    [Theory, BothModes]
    public virtual async Task Chat_messages_round_trip_with_roles_contents_and_properties(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, "You are helpful."),
            new(ChatRole.User, "What's the weather in Zürich? 🌦") { AuthorName = "ada", MessageId = "m-1" },
            new(ChatRole.Assistant, [new FunctionCallContent("call-1", "get_weather", new Dictionary<string, object?> { ["city"] = "Zürich", ["days"] = 2 })]),
            new(ChatRole.Tool, [new FunctionResultContent("call-1", "sunny, 21°C")]),
            new(ChatRole.Assistant, "It is sunny.") { AdditionalProperties = new() { ["model"] = "offline", ["tokens"] = 42 } },
        };
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["messages"] = messages });

        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        await saver.PutWritesAsync(stored, [new("messages", new List<ChatMessage> { messages[1] })], "task");
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        var read = Assert.IsType<List<ChatMessage>>(tuple.Checkpoint.ChannelValues["messages"]);
        ValueAssert.Equal(messages, read);
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.Assistant], read.Select(m => m.Role));
        Assert.Equal("What's the weather in Zürich? 🌦", read[1].Text);
        Assert.Equal(("ada", "m-1"), (read[1].AuthorName, read[1].MessageId));
        var call = Assert.IsType<FunctionCallContent>(Assert.Single(read[2].Contents));
        Assert.Equal(("call-1", "get_weather"), (call.CallId, call.Name));
        Assert.Equal("call-1", Assert.IsType<FunctionResultContent>(Assert.Single(read[3].Contents)).CallId);
        ValueAssert.Equal(new List<ChatMessage> { messages[1] }, Assert.Single(tuple.PendingWrites).Value);
    }

    [Theory, BothModes]
    public virtual async Task Json_nodes_round_trip(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var node = new JsonObject
        {
            ["text"] = "ünïcødé 🚀 \0 nul",
            ["int"] = long.MaxValue,
            ["fraction"] = 0.5,
            ["flag"] = false,
            ["nothing"] = null,
            ["list"] = new JsonArray(1, "two", new JsonObject { ["three"] = 3 }, new JsonArray()),
            ["$dollar.key"] = "odd key",
        };
        var values = new Dictionary<string, object?> { ["object"] = node, ["array"] = new JsonArray(1, 2, 3), ["scalar"] = JsonValue.Create("just a string") };
        var checkpoint = TestData.Checkpoint(values);

        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        foreach (var (channel, value) in values)
        {
            var read = Assert.IsAssignableFrom<JsonNode>(tuple.Checkpoint.ChannelValues[channel]);
            Assert.True(JsonNode.DeepEquals((JsonNode)value!, read), $"{channel}: wrote {((JsonNode)value!).ToJsonString()}, read {read.ToJsonString()}.");
        }
    }

    [Theory, BothModes]
    public virtual async Task Untyped_dictionaries_load_back_as_plain_json_data(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var value = new Dictionary<string, object?>
        {
            ["string"] = "s",
            ["int"] = 1,
            ["long"] = 9007199254740993L,
            ["double"] = 2.5,
            ["bool"] = true,
            ["null"] = null,
            ["list"] = new List<object?> { 1, "a", null, new Dictionary<string, object?> { ["deep"] = false } },
            ["dict"] = new Dictionary<string, object?> { ["nested"] = new List<object?>() },
        };
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["state"] = value });

        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        var read = Assert.IsType<Dictionary<string, object?>>(tuple.Checkpoint.ChannelValues["state"]);
        ValueAssert.Equal(value, read);
        Assert.Equal("s", read["string"]);
        Assert.Equal(1L, read["int"]);
        Assert.Equal(9007199254740993L, read["long"]);
        Assert.Equal(2.5, read["double"]);
        Assert.Equal(true, read["bool"]);
        Assert.True(read.ContainsKey("null"));
        Assert.Null(read["null"]);
        var list = Assert.IsType<List<object?>>(read["list"]);
        Assert.Equal([1L, "a", null], list.Take(3));
        Assert.Equal(false, Assert.IsType<Dictionary<string, object?>>(list[3])["deep"]);
        Assert.Empty(Assert.IsType<List<object?>>(Assert.IsType<Dictionary<string, object?>>(read["dict"])["nested"]));
    }

    [Theory, BothModes]
    public virtual async Task Byte_arrays_round_trip_exactly(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var allBytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["all"] = allBytes, ["empty"] = Array.Empty<byte>() });

        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        await saver.PutWritesAsync(stored, [new("bytes", allBytes)], "task");
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        Assert.Equal(allBytes, Assert.IsType<byte[]>(tuple.Checkpoint.ChannelValues["all"]));
        Assert.Empty(Assert.IsType<byte[]>(tuple.Checkpoint.ChannelValues["empty"]));
        Assert.Equal(allBytes, Assert.IsType<byte[]>(Assert.Single(tuple.PendingWrites).Value));
    }

    [Theory, BothModes]
    public virtual async Task Byte_arrays_inside_typed_containers_round_trip_and_inside_untyped_values_are_refused(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var allBytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var values = new Dictionary<string, object?>
        {
            ["dict"] = new Dictionary<string, byte[]> { ["image"] = allBytes, ["empty"] = Array.Empty<byte>() },
            ["list"] = new List<byte[]> { allBytes, new byte[] { 0, 16, 32, 255 } },
        };
        var checkpoint = TestData.Checkpoint(values);
        var threadId = NewThreadId();

        var stored = await saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        var tuple = await saver.GetTupleAsync(stored);
        var untyped = TestData.Checkpoint(new Dictionary<string, object?> { ["state"] = new Dictionary<string, object?> { ["bytes"] = new byte[] { 0, 16, 32, 255 } } });
        var error = await Assert.ThrowsAsync<CheckpointSerializationException>(() => saver.PutAsync(TestData.Config(threadId, "untyped"), untyped, TestData.Metadata(), TestData.AllVersions(untyped)));

        Assert.Equal(allBytes, Assert.IsType<Dictionary<string, byte[]>>(tuple!.Checkpoint.ChannelValues["dict"])["image"]);
        Assert.Empty(Assert.IsType<Dictionary<string, byte[]>>(tuple.Checkpoint.ChannelValues["dict"])["empty"]);
        Assert.Equal([0, 16, 32, 255], Assert.IsType<List<byte[]>>(tuple.Checkpoint.ChannelValues["list"])[1]);
        Assert.Equal("state", error.Channel);
        Assert.Equal("$.bytes", error.Path);
        Assert.Empty(await saver.ListAsync(TestData.Config(threadId, "untyped")));
    }

    [Theory, BothModes]
    public virtual async Task Text_with_an_unpaired_surrogate_is_refused_in_values_writes_metadata_and_filters(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var lone = "lone \ud800 high";
        object?[] invalid =
        [
            lone,
            "\udc00",
            new List<ChatMessage> { new(ChatRole.User, "ends with \ud83d") },
            new Dictionary<string, object?> { ["nested"] = new List<object?> { "ok", lone } },
            new Dictionary<string, object?> { ["key \udfff"] = 1 },
            new JsonObject { ["node"] = lone },
            new Dictionary<string, string> { ["k"] = lone },
        ];

        foreach (var value in invalid)
        {
            var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["text"] = value });
            var error = await Assert.ThrowsAsync<CheckpointSerializationException>(() =>
                saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint)));
            Assert.Equal("text", error.Channel);
            Assert.Contains("unpaired surrogate", error.Message, StringComparison.Ordinal);
        }

        var metadata = TestData.Metadata(extra: new Dictionary<string, JsonNode?> { ["note"] = new JsonArray(lone) });
        await Assert.ThrowsAsync<ArgumentException>(() => saver.PutAsync(TestData.Config(threadId), TestData.Checkpoint(), metadata, TestData.NoVersions()));
        Assert.Empty(await saver.ListAsync(TestData.Config(threadId)));

        var stored = await saver.PutAsync(TestData.Config(threadId), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());
        await Assert.ThrowsAsync<CheckpointSerializationException>(() => saver.PutWritesAsync(stored, [new("ch", lone)], "task"));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.ListAsync(null, new CheckpointListOptions { Filter = new Dictionary<string, JsonNode?> { ["k\ud800"] = 1 } }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.ListAsync(null, new CheckpointListOptions { Filter = new Dictionary<string, JsonNode?> { ["k"] = lone } }));
        Assert.Empty((await saver.GetTupleAsync(stored))!.PendingWrites);
    }

    [Theory, BothModes]
    public virtual async Task Numbers_in_untyped_values_load_back_with_their_exact_value_or_are_refused(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var value = new Dictionary<string, object?>
        {
            ["above_double_precision"] = 9007199254740993L,
            ["long_max"] = long.MaxValue,
            ["ulong_max"] = ulong.MaxValue,
            ["decimal_exact"] = 1.25m,
            ["double"] = 0.1,
        };
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["state"] = value });

        var stored = await saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        var read = Assert.IsType<Dictionary<string, object?>>((await saver.GetTupleAsync(stored))!.Checkpoint.ChannelValues["state"]);
        var lossy = TestData.Checkpoint(new Dictionary<string, object?> { ["state"] = new Dictionary<string, object?> { ["d"] = 0.1234567890123456789012345678m } });
        var error = await Assert.ThrowsAsync<CheckpointSerializationException>(() => saver.PutAsync(TestData.Config(threadId), lossy, TestData.Metadata(), TestData.AllVersions(lossy)));

        Assert.Equal(9007199254740993L, read["above_double_precision"]);
        Assert.Equal(long.MaxValue, read["long_max"]);
        Assert.Equal(ulong.MaxValue, read["ulong_max"]);
        Assert.Equal(1.25, read["decimal_exact"]);
        Assert.Equal(0.1, read["double"]);
        Assert.Equal("$.d", error.Path);
    }

    [Theory, BothModes]
    public virtual async Task Delta_snapshots_round_trip_with_their_inner_value(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var snapshot = new DeltaSnapshot(new List<ChatMessage> { new(ChatRole.User, "hi") });
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["messages"] = snapshot, ["empty"] = new DeltaSnapshot(null) });

        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        var read = Assert.IsType<DeltaSnapshot>(tuple.Checkpoint.ChannelValues["messages"]);
        var inner = Assert.IsType<List<ChatMessage>>(read.Value);
        Assert.Equal("hi", Assert.Single(inner).Text);
        Assert.Null(Assert.IsType<DeltaSnapshot>(tuple.Checkpoint.ChannelValues["empty"]).Value);
    }

    [Theory, BothModes]
    public virtual async Task Values_are_stored_as_they_were_when_put(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var list = new List<string> { "before" };
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["list"] = list });
        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        var write = new List<string> { "write" };
        await saver.PutWritesAsync(stored, [new("w", write)], "task");

        list.Add("after");
        write.Add("after");
        checkpoint.ChannelValues["list"] = "replaced";
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        Assert.Equal(["before"], Assert.IsType<List<string>>(tuple.Checkpoint.ChannelValues["list"]));
        Assert.Equal(["write"], Assert.IsType<List<string>>(Assert.Single(tuple.PendingWrites).Value));
    }

    [Theory, BothModes]
    public virtual async Task A_registered_type_round_trips_through_a_custom_serializer(ApiMode mode)
    {
        var serializer = new JsonCheckpointSerializer(new JsonCheckpointSerializerOptions().Register<ConformanceOrder>(ConformanceOrder.TypeName));
        var saver = CreateSaver(mode, serializer);
        var order = new ConformanceOrder { Id = "o-1", Total = 12.34m, Items = ["tea", "ケーキ"], PlacedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(1)) };
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["order"] = order, ["orders"] = new List<ConformanceOrder> { order } });

        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        await saver.PutWritesAsync(stored, [new("order", order)], "task");
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        var read = Assert.IsType<ConformanceOrder>(tuple.Checkpoint.ChannelValues["order"]);
        ValueAssert.Equal(order, read);
        ValueAssert.Equal(new List<ConformanceOrder> { order }, tuple.Checkpoint.ChannelValues["orders"]);
        ValueAssert.Equal(order, Assert.Single(tuple.PendingWrites).Value);
    }

    [Theory, BothModes]
    public virtual async Task A_registered_type_is_refused_by_a_saver_that_does_not_allow_it(ApiMode mode)
    {
        var serializer = new JsonCheckpointSerializer(new JsonCheckpointSerializerOptions().Register<ConformanceOrder>(ConformanceOrder.TypeName));
        var writer = CreateSaver(mode, serializer);
        var reader = CreateSaver(mode);
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["order"] = new ConformanceOrder { Id = "o-1" } });
        var stored = await writer.PutAsync(TestData.Config(NewThreadId()), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));

        // Stored bytes are untrusted: a type name not on the reader's allow-list is never instantiated.
        var error = await Assert.ThrowsAsync<CheckpointSerializationException>(() => reader.GetTupleAsync(stored));

        Assert.Equal("order", error.Channel);
        await Assert.ThrowsAsync<CheckpointSerializationException>(() => reader.PutAsync(TestData.Config(NewThreadId()), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint)));
    }

    [Theory, BothModes]
    public virtual async Task Encrypted_values_round_trip_and_are_unreadable_without_the_key(ApiMode mode)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var saver = CreateSaver(mode, new EncryptedSerializer(JsonCheckpointSerializer.Default, key));
        var values = new Dictionary<string, object?> { ["secret"] = "the launch code is 0000", ["messages"] = new List<ChatMessage> { new(ChatRole.User, "private") } };
        var checkpoint = TestData.Checkpoint(values);

        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        await saver.PutWritesAsync(stored, [new("secret", "pending secret")], "task");
        var tuple = await saver.GetTupleAsync(stored);
        var plain = CreateSaver(mode);
        var wrongKey = CreateSaver(mode, new EncryptedSerializer(JsonCheckpointSerializer.Default, RandomNumberGenerator.GetBytes(32)));

        Assert.NotNull(tuple);
        ValueAssert.ChannelValuesEqual(values, tuple.Checkpoint.ChannelValues);
        TupleAssert.PendingWritesEqual([new("task", "secret", "pending secret")], tuple.PendingWrites);
        await Assert.ThrowsAsync<CheckpointSerializationException>(() => plain.GetTupleAsync(stored));
        await Assert.ThrowsAsync<CheckpointSerializationException>(() => wrongKey.GetTupleAsync(stored));
    }

    [Theory, BothModes]
    public virtual async Task A_value_that_cannot_be_serialized_throws_naming_the_channel_and_stores_no_checkpoint(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?>
        {
            ["fine"] = "ok",
            ["bad"] = new Dictionary<string, object?> { ["items"] = new List<object?> { 1, new Action(() => { }) } },
        });

        var error = await Assert.ThrowsAsync<CheckpointSerializationException>(() =>
            saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint)));

        Assert.Equal("bad", error.Channel);
        Assert.Equal("$.items[1]", error.Path);
        Assert.Contains("'bad'", error.Message, StringComparison.Ordinal);
        Assert.Null(await saver.GetTupleAsync(TestData.Config(threadId)));
        Assert.Empty(await saver.ListAsync(new RunConfig(threadId, checkpointNs: null)));
    }

    [Theory, BothModes]
    public virtual async Task A_value_that_cannot_be_serialized_leaves_earlier_blobs_unaffected(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var failing = TestData.Checkpoint(new Dictionary<string, object?> { ["fine"] = "from the failed put", ["bad"] = new ConformanceOrder() });

        await Assert.ThrowsAsync<CheckpointSerializationException>(() =>
            saver.PutAsync(TestData.Config(threadId), failing, TestData.Metadata(), TestData.AllVersions(failing)));
        var probe = await saver.PutAsync(
            TestData.Config(threadId),
            TestData.Checkpoint(versions: new Dictionary<string, string> { ["fine"] = "1" }),
            TestData.Metadata(),
            TestData.NoVersions());
        var tuple = await saver.GetTupleAsync(probe);

        // No blob of the failed put was written: a checkpoint naming the same version finds nothing.
        Assert.NotNull(tuple);
        Assert.Empty(tuple.Checkpoint.ChannelValues);
    }

    [Theory, BothModes]
    public virtual async Task A_pending_write_that_cannot_be_serialized_throws_naming_the_channel_and_stores_no_write(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());

        var error = await Assert.ThrowsAsync<CheckpointSerializationException>(() =>
            saver.PutWritesAsync(stored, [new("good", "fine"), new("bad", new ConformanceOrder()), new(SpecialChannels.Error, "also fine")], "task"));
        var tuple = await saver.GetTupleAsync(stored);

        Assert.Equal("bad", error.Channel);
        Assert.NotNull(tuple);
        Assert.Empty(tuple.PendingWrites);
    }
}
