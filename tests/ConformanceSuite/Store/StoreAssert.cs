using System.Text.Json.Nodes;
using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>Assertions on store items and documents.</summary>
public static class StoreAssert
{
    /// <summary>Asserts that two JSON values are deeply equal (object key order is irrelevant, numbers compare by value).</summary>
    /// <param name="expected">The value written.</param>
    /// <param name="actual">The value read.</param>
    public static void JsonEqual(JsonNode? expected, JsonNode? actual) =>
        Assert.True(
            JsonNode.DeepEquals(expected, actual),
            $"JSON differs.{Environment.NewLine}Expected: {expected?.ToJsonString() ?? "null"}{Environment.NewLine}Actual:   {actual?.ToJsonString() ?? "null"}");

    /// <summary>Asserts every field of an item: namespace, key, document and both timestamps.</summary>
    /// <param name="namespace">The expected namespace.</param>
    /// <param name="key">The expected key.</param>
    /// <param name="value">The expected document.</param>
    /// <param name="createdAt">The expected creation time.</param>
    /// <param name="updatedAt">The expected update time.</param>
    /// <param name="actual">The item read.</param>
    public static void Item(StoreNamespace @namespace, string key, JsonObject value, DateTimeOffset createdAt, DateTimeOffset updatedAt, Item? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(@namespace, actual.Namespace);
        Assert.Equal(key, actual.Key);
        JsonEqual(value, actual.Value);
        Assert.Equal(createdAt, actual.CreatedAt);
        Assert.Equal(updatedAt, actual.UpdatedAt);
    }

    /// <summary>Asserts the keys of search results, in order.</summary>
    /// <param name="actual">The results.</param>
    /// <param name="expectedKeys">The expected keys, in order.</param>
    public static void Keys(IEnumerable<Item> actual, params string[] expectedKeys)
    {
        ArgumentNullException.ThrowIfNull(actual);
        Assert.Equal(expectedKeys, actual.Select(i => i.Key).ToArray());
    }
}
