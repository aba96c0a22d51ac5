using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>Assertions on values and checkpoints that read back from storage.</summary>
public static class ValueAssert
{
    /// <summary>Asserts that a value read back has the same type and the same JSON form as the value written.</summary>
    /// <param name="expected">The value written.</param>
    /// <param name="actual">The value read.</param>
    public static void Equal(object? expected, object? actual)
    {
        if (expected is null || actual is null)
        {
            Assert.Equal(expected, actual);
            return;
        }

        Assert.Equal(expected.GetType(), actual.GetType());
        var options = JsonCheckpointSerializer.DefaultJsonSerializerOptions;
        var expectedJson = JsonSerializer.Serialize(expected, expected.GetType(), options);
        var actualJson = JsonSerializer.Serialize(actual, actual.GetType(), options);
        Assert.Equal(expectedJson, actualJson);
    }

    /// <summary>Asserts that two channel-value maps hold the same channels with equal values.</summary>
    /// <param name="expected">The values written.</param>
    /// <param name="actual">The values read.</param>
    public static void ChannelValuesEqual(IReadOnlyDictionary<string, object?> expected, IReadOnlyDictionary<string, object?> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (channel, value) in expected)
        {
            Equal(value, actual[channel]);
        }
    }

    /// <summary>
    /// Asserts that a checkpoint read back equals the one written: every field, channel values included, and unknown
    /// fields (<see cref="GraphCheckpoint.AdditionalFields"/>) kept.
    /// </summary>
    /// <param name="expected">The checkpoint written.</param>
    /// <param name="actual">The checkpoint read.</param>
    public static void CheckpointEqual(GraphCheckpoint expected, GraphCheckpoint actual)
    {
        Assert.Equal(expected.V, actual.V);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Ts, actual.Ts);
        Assert.Equal(expected.ChannelVersions, actual.ChannelVersions);
        Assert.Equal(expected.VersionsSeen.Keys.Order(StringComparer.Ordinal), actual.VersionsSeen.Keys.Order(StringComparer.Ordinal));
        foreach (var (node, versions) in expected.VersionsSeen)
        {
            Assert.Equal(versions, actual.VersionsSeen[node]);
        }

        Assert.Equal(expected.UpdatedChannels, actual.UpdatedChannels);
        Assert.True(
            JsonNode.DeepEquals(expected.AdditionalFields, actual.AdditionalFields),
            $"Additional fields differ: expected {expected.AdditionalFields?.ToJsonString() ?? "none"}, got {actual.AdditionalFields?.ToJsonString() ?? "none"}.");
        ChannelValuesEqual(expected.ChannelValues, actual.ChannelValues);
    }
}
