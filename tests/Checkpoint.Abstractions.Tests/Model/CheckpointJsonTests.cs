using System.Text.Json;
using System.Text.Json.Nodes;
using Checkpoint.Providers;

namespace Checkpoint.Abstractions.Tests.Model;

public sealed class CheckpointJsonTests
{
    [Fact]
    public void Checkpoint_skeleton_round_trips_without_channel_values()
    {
        var checkpoint = GraphCheckpoint.CreateEmpty(step: 3);
        checkpoint.ChannelValues["messages"] = "not stored here";
        checkpoint.ChannelVersions["messages"] = "00000000000000000000000000000002.1";
        checkpoint.VersionsSeen["agent"] = new Dictionary<string, string> { ["messages"] = "00000000000000000000000000000001.5" };
        checkpoint.UpdatedChannels = ["messages"];
        checkpoint.AdditionalFields = new JsonObject { ["pending_sends"] = new JsonArray() };

        var loaded = CheckpointJson.Deserialize(CheckpointJson.Serialize(checkpoint));

        Assert.Equal(checkpoint.Id, loaded.Id);
        Assert.Equal(checkpoint.Ts, loaded.Ts);
        Assert.Equal(4, loaded.V);
        Assert.Empty(loaded.ChannelValues);
        Assert.Equal(checkpoint.ChannelVersions, loaded.ChannelVersions);
        Assert.Equal(checkpoint.VersionsSeen["agent"], loaded.VersionsSeen["agent"]);
        Assert.Equal(["messages"], loaded.UpdatedChannels!);
        Assert.True(JsonNode.DeepEquals(checkpoint.AdditionalFields, loaded.AdditionalFields));
    }

    [Fact]
    public void Numeric_versions_written_by_other_tools_load_as_strings()
    {
        var loaded = CheckpointJson.Deserialize("""{"v":1,"id":"x","ts":"","channel_versions":{"a":1,"b":2.5},"versions_seen":{},"updated_channels":null}""");

        Assert.Equal("1", loaded.ChannelVersions["a"]);
        Assert.Equal("2.5", loaded.ChannelVersions["b"]);
        Assert.Null(loaded.UpdatedChannels);
    }

    [Fact]
    public void Json_without_an_id_is_rejected()
    {
        Assert.Throws<JsonException>(() => CheckpointJson.Deserialize("""{"v":4}"""));
        Assert.Throws<JsonException>(() => CheckpointJson.Deserialize("[1]"));
    }

    [Fact]
    public void Timestamps_are_iso_utc_with_microseconds_and_parse_back()
    {
        var time = new DateTimeOffset(2026, 11, 23, 19, 38, 17, TimeSpan.Zero).AddTicks(1234560);
        var checkpoint = new GraphCheckpoint { Id = "x", Ts = GraphCheckpoint.FormatTimestamp(time) };

        Assert.Equal("2026-11-23T19:38:17.123456+00:00", checkpoint.Ts);
        Assert.Equal(time, checkpoint.TryGetTimestamp());
        Assert.Null(new GraphCheckpoint { Id = "y", Ts = "" }.TryGetTimestamp());
    }

    [Fact]
    public void Integer_versions_are_written_as_json_numbers_and_other_versions_as_strings()
    {
        var checkpoint = new GraphCheckpoint
        {
            Id = "x",
            ChannelVersions = { ["a"] = "3", ["b"] = "00000000000000000000000000000002.5", ["c"] = "07" },
            VersionsSeen = { ["node"] = new() { ["a"] = "2" } },
        };

        var json = JsonNode.Parse(CheckpointJson.Serialize(checkpoint))!;

        Assert.Equal(JsonValueKind.Number, json["channel_versions"]!["a"]!.GetValueKind());
        Assert.Equal(JsonValueKind.String, json["channel_versions"]!["b"]!.GetValueKind());
        Assert.Equal(JsonValueKind.String, json["channel_versions"]!["c"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Number, json["versions_seen"]!["node"]!["a"]!.GetValueKind());
        Assert.False(json.AsObject().ContainsKey("updated_channels"));
        Assert.Equal(checkpoint.ChannelVersions, CheckpointJson.Deserialize(json.ToJsonString()).ChannelVersions);
    }

    [Fact]
    public void Inline_channel_values_of_LangGraph_Python_load_as_channel_values()
    {
        var loaded = CheckpointJson.Deserialize("""{"id":"x","channel_values":{"n":2,"s":"t","b":true,"f":0.5,"z":null},"channel_versions":{}}""");

        Assert.Equal(new Dictionary<string, object?> { ["n"] = 2L, ["s"] = "t", ["b"] = true, ["f"] = 0.5, ["z"] = null }, loaded.ChannelValues);
        Assert.Null(loaded.AdditionalFields);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_checkpoint_without_extra_fields_is_written_exactly_as_its_json_object(bool withUpdatedChannels)
    {
        var checkpoint = GraphCheckpoint.CreateEmpty(step: 7);
        checkpoint.ChannelVersions["messages"] = "00000000000000000000000000000002.1";
        checkpoint.ChannelVersions["count"] = "12";
        checkpoint.ChannelVersions["\u00010\u0001messages"] = "0123456789abcdef0123456789abcdef";
        checkpoint.ChannelVersions["naïve <&> \"quoted\""] = "v\u00e9";
        checkpoint.VersionsSeen["agent"] = new Dictionary<string, string> { ["messages"] = "3", ["x"] = "00000000000000000000000000000001.5" };
        checkpoint.VersionsSeen["empty"] = [];
        checkpoint.UpdatedChannels = withUpdatedChannels ? ["messages", "count"] : null;

        Assert.Equal(CheckpointJson.ToJsonObject(checkpoint).ToJsonString(), CheckpointJson.Serialize(checkpoint));
    }
}
