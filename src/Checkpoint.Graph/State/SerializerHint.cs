namespace Checkpoint.Graph.State;

/// <summary>Finds what a serializer refuses in a value type, so <c>Compile</c> can say which type to register.</summary>
internal static class SerializerHint
{
    /// <summary>
    /// The type the serializer cannot store inside <paramref name="type"/>: for <c>List&lt;Todo&gt;</c>, <c>Todo[]</c> or
    /// <c>Dictionary&lt;string, Todo&gt;</c> that is <c>Todo</c>, the type to register. <see langword="null"/> when storable.
    /// </summary>
    public static Type? FindUnstorable(Type type, JsonCheckpointSerializer json)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(object) || type.IsInterface || type.IsAbstract || json.GetTypeTag(type) is not null)
        {
            return null;
        }

        var element = type.IsArray ? type.GetElementType()
            : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0]
            : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && type.GetGenericArguments()[0] == typeof(string) ? type.GetGenericArguments()[1]
            : null;
        return element is null ? type : FindUnstorable(element, json) ?? type;
    }

    /// <summary>How to register <paramref name="type"/>.</summary>
    public static string Register(Type type) =>
        $"Register {type.Name} under a stable name, e.g. new JsonCheckpointSerializerOptions().Register<{type.Name}>(\"{type.Name.ToLowerInvariant()}\"), " +
        "and give the saver a JsonCheckpointSerializer built with those options";
}
