using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Checkpoint.Serialization.LangGraph;

/// <summary>
/// Reads values LangGraph.js (and LangGraph Python's legacy path) store under the <c>json</c> tag, as LangGraph.js's
/// reviver does, into plain .NET values.
/// </summary>
/// <remarks>
/// <para>
/// Objects become <see cref="Dictionary{TKey, TValue}"/> of <see cref="string"/> to <see cref="object"/>, arrays
/// <see cref="List{T}"/> of <see cref="object"/> (<see cref="List{T}"/> of <see cref="ChatMessage"/> when every item is a
/// message), integers <see cref="long"/>, other numbers <see cref="double"/>.
/// <c>{"lc":2,"type":"undefined"}</c> is an absent property (<see langword="null"/> in a list), a <c>Uint8Array</c>
/// record is a <see cref="byte"/> array, a delta snapshot record a <see cref="DeltaSnapshot"/>, and an <c>lc</c>
/// constructor of an allow-listed LangChain message class a <see cref="ChatMessage"/>.
/// </para>
/// <para>
/// Nothing else is revived: other records (<c>Set</c>, <c>Map</c>, <c>Error</c>, <c>RegExp</c>, unknown LangChain
/// classes) stay plain dictionaries exactly as stored, so writing them back gives LangGraph.js the same record. No type
/// is ever looked up from stored names.
/// </para>
/// </remarks>
internal static class LangGraphJsonReader
{
    private static readonly object Undefined = new();
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    private enum Mode
    {
        /// <summary>Revive records as LangGraph.js does.</summary>
        Revive,

        /// <summary>Inside a LangChain constructor's kwargs: also unwrap <c>__lc_escaped__</c>.</summary>
        Kwargs,

        /// <summary>Inside an escaped object: nothing is revived.</summary>
        Plain,
    }

    /// <summary>Reads a UTF-8 JSON value.</summary>
    /// <exception cref="CheckpointSerializationException">The bytes are not JSON.</exception>
    public static object? Read(ReadOnlyMemory<byte> utf8Json)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json, DocumentOptions);
            var value = Convert(document.RootElement, Mode.Revive);
            return ReferenceEquals(value, Undefined) ? null : value;
        }
        catch (JsonException e)
        {
            throw new CheckpointSerializationException($"The stored json value is not valid JSON: {e.Message}", null, e.Path, e);
        }
    }

    /// <summary>Converts a JSON element that is already parsed (metadata, checkpoint fields) the same way.</summary>
    public static object? Convert(JsonElement element)
    {
        var value = Convert(element, Mode.Revive);
        return ReferenceEquals(value, Undefined) ? null : value;
    }

    private static object? Convert(JsonElement element, Mode mode) => element.ValueKind switch
    {
        JsonValueKind.Object => ConvertObject(element, mode),
        JsonValueKind.Array => ConvertArray(element, mode),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var integer) ? (object)integer : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static object ConvertArray(JsonElement element, Mode mode)
    {
        var items = new List<object?>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            var value = Convert(item, mode);
            items.Add(ReferenceEquals(value, Undefined) ? null : value);
        }

        return ForeignValues.FinishList(items);
    }

    private static object? ConvertObject(JsonElement element, Mode mode)
    {
        if (mode == Mode.Kwargs && TryGetEscaped(element, out var escaped))
        {
            return Convert(escaped, Mode.Plain);
        }

        if (mode != Mode.Plain && element.TryGetProperty("lc", out var lc) && lc.ValueKind == JsonValueKind.Number)
        {
            var type = element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (lc.TryGetInt32(out var version) && TryRevive(element, version, type, out var revived))
            {
                return revived;
            }
        }

        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var value = Convert(property.Value, mode);
            if (!ReferenceEquals(value, Undefined))
            {
                map[property.Name] = value;
            }
        }

        return map;
    }

    private static bool TryRevive(JsonElement element, int version, string? type, out object? revived)
    {
        revived = null;
        switch (version, type)
        {
            case (2, "undefined"):
                revived = Undefined;
                return true;
            case (2, "delta_snapshot") when element.TryGetProperty("value", out var snapshot):
                revived = new DeltaSnapshot(Convert(snapshot));
                return true;
            case (1 or 2, "constructor") when element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Array:
                var path = id.EnumerateArray().Select(p => p.ValueKind == JsonValueKind.String ? p.GetString() : null).ToArray();
                if (version == 2 && TryReviveBytes(element, path, out var bytes))
                {
                    revived = bytes;
                    return true;
                }

                if (FindMessageClass(path, version) is { } messageClass
                    && element.TryGetProperty("kwargs", out var kwargs) && kwargs.ValueKind == JsonValueKind.Object)
                {
                    var fields = (Dictionary<string, object?>)ConvertObject(kwargs, Mode.Kwargs)!;
                    revived = LangChainMessages.ToChatMessage(messageClass, fields);
                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// The message ids LangGraph writes: LangChain JS's <c>["langchain_core","messages",Class]</c>, LangChain Python's
    /// <c>["langchain","schema","messages",Class]</c>, and LangGraph Python's legacy
    /// <c>["langchain_core","messages",module,Class]</c> (an <c>lc: 2</c> record).
    /// </summary>
    private static LangChainMessageClass? FindMessageClass(string?[] path, int version) => path switch
    {
        ["langchain_core", "messages", var name] when version == 1 => LangChainMessageClass.Find(name),
        ["langchain", "schema", "messages", var name] when version == 1 => LangChainMessageClass.Find(name),
        ["langchain_core", "messages", var module, var name] when version == 2 => LangChainMessageClass.Find("langchain_core.messages." + module, name),
        _ => null,
    };

    /// <summary>LangGraph.js's <c>Uint8Array</c> record, and LangGraph Python's legacy <c>bytes.fromhex</c> record.</summary>
    private static bool TryReviveBytes(JsonElement element, string?[] path, out byte[]? bytes)
    {
        bytes = null;
        var method = element.TryGetProperty("method", out var m) ? m : default;
        var args = element.TryGetProperty("args", out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().ToArray() : [];
        if (path is ["Uint8Array"] && (method.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null || method.ValueEquals("from"))
            && args is [{ ValueKind: JsonValueKind.Array } items])
        {
            var result = new byte[items.GetArrayLength()];
            var i = 0;
            foreach (var item in items.EnumerateArray())
            {
                if (!item.TryGetByte(out result[i++]))
                {
                    return false;
                }
            }

            bytes = result;
            return true;
        }

        if (path is ["builtins", "bytes" or "bytearray"] && method.ValueKind == JsonValueKind.String && method.ValueEquals("fromhex")
            && args is [{ ValueKind: JsonValueKind.String } hex])
        {
            try
            {
                bytes = System.Convert.FromHexString(hex.GetString()!);
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        return false;
    }

    private static bool TryGetEscaped(JsonElement element, out JsonElement escaped)
    {
        escaped = default;
        var properties = element.EnumerateObject();
        if (!properties.MoveNext() || properties.Current.Name != "__lc_escaped__")
        {
            return false;
        }

        escaped = properties.Current.Value;
        return !properties.MoveNext();
    }
}
