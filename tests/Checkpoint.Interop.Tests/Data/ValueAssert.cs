using System.Text.Json.Nodes;
using Xunit;

namespace Checkpoint.Interop.Tests.Data;

/// <summary>Asserts .NET values and JSON documents equal, showing both sides when they differ.</summary>
public static class ValueAssert
{
    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Asserts two .NET values equal in shape and content (see <see cref="Described"/>).</summary>
    public static void Equal(object? expected, object? actual, string what) => JsonEqual(Described.Of(expected), Described.Of(actual), what);

    /// <summary>Asserts two JSON documents deeply equal.</summary>
    public static void JsonEqual(JsonNode? expected, JsonNode? actual, string what)
    {
        if (!JsonNode.DeepEquals(expected, actual))
        {
            Assert.Fail($"{what} differ.\nExpected:\n{expected?.ToJsonString(Indented)}\nActual:\n{actual?.ToJsonString(Indented)}");
        }
    }
}
