using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Checkpoint;

/// <summary>
/// The allow-list of <see cref="JsonCheckpointSerializer"/>: maps stable names to CLR types and back.
/// Loading resolves names only through this map (never through <see cref="Type.GetType(string)"/>).
/// </summary>
internal sealed class SerializerTypeMap
{
    internal const string AnyName = "any";
    private const int MaxGenericDepth = 8;

    private static readonly Dictionary<string, Type> BuiltIns = new(StringComparer.Ordinal)
    {
        ["string"] = typeof(string),
        ["bytes"] = typeof(byte[]),
        ["bool"] = typeof(bool),
        ["int16"] = typeof(short),
        ["int32"] = typeof(int),
        ["int64"] = typeof(long),
        ["uint32"] = typeof(uint),
        ["uint64"] = typeof(ulong),
        ["single"] = typeof(float),
        ["double"] = typeof(double),
        ["decimal"] = typeof(decimal),
        ["char"] = typeof(char),
        ["datetime"] = typeof(DateTime),
        ["datetimeoffset"] = typeof(DateTimeOffset),
        ["dateonly"] = typeof(DateOnly),
        ["timeonly"] = typeof(TimeOnly),
        ["timespan"] = typeof(TimeSpan),
        ["guid"] = typeof(Guid),
        ["uri"] = typeof(Uri),
        ["jsonnode"] = typeof(JsonNode),
        ["jsonelement"] = typeof(JsonElement),
        ["chatmessage"] = typeof(ChatMessage),
        [AnyName] = typeof(object),
    };

    private readonly Dictionary<string, Type> _byName;
    private readonly Dictionary<Type, string> _byType = [];

    public SerializerTypeMap(IReadOnlyDictionary<string, Type> registrations)
    {
        _byName = new Dictionary<string, Type>(BuiltIns, StringComparer.Ordinal);
        foreach (var (name, type) in registrations)
        {
            _byName[name] = type;
        }

        foreach (var (name, type) in _byName)
        {
            _byType.TryAdd(type, name);
        }
    }

    public static bool IsBuiltInName(string name) => BuiltIns.ContainsKey(name);

    /// <summary>Returns the allow-listed name of a runtime type, or <see langword="null"/> when it is not allowed.</summary>
    public string? TryGetName(Type type, int depth = 0)
    {
        if (depth > MaxGenericDepth)
        {
            return null;
        }

        if (_byType.TryGetValue(type, out var name))
        {
            return name;
        }

        // JsonObject, JsonArray and JsonValue subclasses all load back through JsonNode.
        if (typeof(JsonNode).IsAssignableFrom(type))
        {
            return "jsonnode";
        }

        if (type.IsArray && type.GetArrayRank() == 1)
        {
            var element = TryGetName(type.GetElementType()!, depth + 1);
            return element is null ? null : $"array<{element}>";
        }

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var arguments = type.GetGenericArguments();
            if (definition == typeof(List<>))
            {
                var element = TryGetName(arguments[0], depth + 1);
                return element is null ? null : $"list<{element}>";
            }

            if (definition == typeof(Dictionary<,>) && arguments[0] == typeof(string))
            {
                var element = TryGetName(arguments[1], depth + 1);
                return element is null ? null : $"dict<{element}>";
            }
        }

        return null;
    }

    /// <summary>Resolves an allow-listed name; <see langword="null"/> when the name is unknown or malformed.</summary>
    public Type? TryResolve(string name, int depth = 0)
    {
        if (depth > MaxGenericDepth || string.IsNullOrEmpty(name))
        {
            return null;
        }

        if (_byName.TryGetValue(name, out var type))
        {
            return type;
        }

        if (!name.EndsWith('>'))
        {
            return null;
        }

        if (TryUnwrap(name, "list<", out var inner))
        {
            return TryResolve(inner, depth + 1) is { } element ? typeof(List<>).MakeGenericType(element) : null;
        }

        if (TryUnwrap(name, "array<", out inner))
        {
            return TryResolve(inner, depth + 1) is { } element ? element.MakeArrayType() : null;
        }

        if (TryUnwrap(name, "dict<", out inner))
        {
            return TryResolve(inner, depth + 1) is { } element ? typeof(Dictionary<,>).MakeGenericType(typeof(string), element) : null;
        }

        return null;
    }

    private static bool TryUnwrap(string name, string prefix, out string inner)
    {
        if (name.StartsWith(prefix, StringComparison.Ordinal))
        {
            inner = name[prefix.Length..^1];
            return true;
        }

        inner = string.Empty;
        return false;
    }
}
