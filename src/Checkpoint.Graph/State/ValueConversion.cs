using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint.Graph.State;

/// <summary>Turns stored channel values into property values.</summary>
internal static class ValueConversion
{
    /// <summary>
    /// Returns <paramref name="value"/> as <paramref name="type"/>. Lists, dictionaries, sets and arrays are copied
    /// (shallowly) and JSON nodes deeply, so a node that changes the collection it was handed does not change the graph's state behind its back.
    /// </summary>
    public static object? ToPropertyValue(object? value, Type type, string channel)
    {
        if (value is null)
        {
            return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;
        }

        if (type.IsInstanceOfType(value))
        {
            return CopyCollection(value);
        }

        // A value stored under another type (the schema changed, or an untyped value): convert through JSON.
        try
        {
            var options = JsonCheckpointSerializer.DefaultJsonSerializerOptions;
            return JsonSerializer.SerializeToElement(value, value.GetType(), options).Deserialize(type, options);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"State field '{channel}' holds a {value.GetType().Name}, which cannot be read as {type.Name}: {e.Message}", e);
        }
    }

    private static object CopyCollection(object value)
    {
        var type = value.GetType();
        if (value is Array array)
        {
            return array.Clone();
        }

        if (value is JsonNode node)
        {
            return node.DeepClone();
        }

        if (type.IsGenericType && value is IEnumerable)
        {
            var definition = type.GetGenericTypeDefinition();
            if (definition == typeof(List<>) || definition == typeof(Dictionary<,>) || definition == typeof(HashSet<>))
            {
                return Activator.CreateInstance(type, value)!;
            }
        }

        return value;
    }
}
