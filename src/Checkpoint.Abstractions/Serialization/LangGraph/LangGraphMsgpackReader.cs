using System.Globalization;

namespace Checkpoint.Serialization.LangGraph;

/// <summary>
/// Reads values LangGraph Python stores under the <c>msgpack</c> tag (its <c>JsonPlusSerializer</c>: ormsgpack with
/// extension types 0-7) into plain .NET values.
/// </summary>
/// <remarks>
/// <para>
/// An extension names a Python <c>(module, class)</c>; only these pairs are mapped, and no type is ever looked up from
/// the names: LangChain message classes (<see cref="Microsoft.Extensions.AI.ChatMessage"/>), <c>uuid.UUID</c>
/// (<see cref="Guid"/>), <c>decimal.Decimal</c> (<see cref="decimal"/> when it fits, else its text),
/// <c>datetime.datetime</c> (<see cref="DateTimeOffset"/>, or an unspecified-kind <see cref="DateTime"/> when naive),
/// <c>datetime.date</c> (<see cref="DateOnly"/>), <c>datetime.time</c> without a zone (<see cref="TimeOnly"/>),
/// <c>datetime.timedelta</c> (<see cref="TimeSpan"/>), <c>set</c>/<c>frozenset</c>/<c>deque</c> (a list),
/// <c>langgraph.types.Send</c> (a dictionary with <c>node</c> and <c>args</c>, the shape LangGraph.js stores) and the
/// delta snapshot.
/// </para>
/// <para>
/// Every other extension is read the way LangGraph Python's strict mode reads a type it does not allow: as its raw
/// argument (the keyword dictionary of a dataclass or pydantic model such as <c>Interrupt</c>, the positional
/// arguments, or the single argument).
/// </para>
/// </remarks>
internal static class LangGraphMsgpackReader
{
    private const sbyte ConstructorSingleArg = 0;
    private const sbyte ConstructorPositionalArgs = 1;
    private const sbyte ConstructorKeywordArgs = 2;
    private const sbyte MethodSingleArg = 3;
    private const sbyte PydanticV1 = 4;
    private const sbyte PydanticV2 = 5;
    private const sbyte NumpyArray = 6;
    private const sbyte DeltaSnapshotCode = 7;

    /// <summary>Reads a msgpack value.</summary>
    /// <exception cref="CheckpointSerializationException">The bytes are not msgpack, or an extension is malformed.</exception>
    public static object? Read(ReadOnlyMemory<byte> data) => new MessagePackReader(data, ReadExtension).ReadSingle();

    private static object? ReadExtension(sbyte code, ReadOnlyMemory<byte> payload, int depth)
    {
        var inner = new MessagePackReader(payload, ReadExtension).ReadSingle(depth);
        switch (code)
        {
            case DeltaSnapshotCode:
                return new DeltaSnapshot(inner);
            case NumpyArray:
                return inner;
            case < ConstructorSingleArg or > PydanticV2:
                throw new CheckpointSerializationException($"The stored msgpack value holds extension type {code}, which LangGraph does not write.");
        }

        if (inner is not List<object?> { Count: >= 3 } parts || parts[0] is not string module || parts[1] is not string name)
        {
            throw new CheckpointSerializationException($"The stored msgpack value holds a malformed extension of type {code}: it must be [module, name, argument, ...].");
        }

        var argument = parts[2];
        try
        {
            return code switch
            {
                ConstructorSingleArg => SingleArgument(module, name, argument),
                ConstructorPositionalArgs => PositionalArguments(module, name, argument as List<object?>) ?? argument,
                ConstructorKeywordArgs => KeywordArguments(module, name, argument as Dictionary<string, object?>) ?? argument,
                MethodSingleArg => parts is [_, _, string text, "fromisoformat"] && (module, name) is ("datetime", "datetime") ? ParseDateTime(text) : argument,
                _ => LangChainMessageClass.Find(module, name) is { } messageClass && argument is Dictionary<string, object?> fields
                    ? LangChainMessages.ToChatMessage(messageClass, fields)
                    : argument,
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or InvalidCastException)
        {
            throw new CheckpointSerializationException($"The stored msgpack value holds a {module}.{name} that cannot be read: {e.Message}", null, null, e);
        }
    }

    private static object? SingleArgument(string module, string name, object? argument) => (module, name, argument) switch
    {
        ("uuid", "UUID", string hex) => Guid.ParseExact(hex, "N"),
        ("decimal", "Decimal", string text) => decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : text,
        _ => argument,
    };

    private static object? PositionalArguments(string module, string name, List<object?>? args) => (module, name, args) switch
    {
        ("datetime", "date", [long year, long month, long day]) => new DateOnly((int)year, (int)month, (int)day),
        ("datetime", "timedelta", [long days, long seconds, long microseconds]) =>
            TimeSpan.FromTicks(checked((days * TimeSpan.TicksPerDay) + (seconds * TimeSpan.TicksPerSecond) + (microseconds * TimeSpan.TicksPerMicrosecond))),
        ("langgraph.types", "Send", [var node, var arg, ..]) => Send(node, arg, args.Count > 2 ? args[2] : null),
        _ => null,
    };

    private static object? KeywordArguments(string module, string name, Dictionary<string, object?>? kwargs)
    {
        if ((module, name) is ("datetime", "time") && kwargs is not null && kwargs.GetValueOrDefault("tzinfo") is null
            && kwargs.GetValueOrDefault("hour") is long hour && kwargs.GetValueOrDefault("minute") is long minute
            && kwargs.GetValueOrDefault("second") is long second && kwargs.GetValueOrDefault("microsecond") is long microsecond)
        {
            return new TimeOnly((int)hour, (int)minute, (int)second).Add(TimeSpan.FromTicks(microsecond * TimeSpan.TicksPerMicrosecond));
        }

        return null;
    }

    private static Dictionary<string, object?> Send(object? node, object? arg, object? timeout)
    {
        var send = new Dictionary<string, object?>(StringComparer.Ordinal) { ["node"] = node, ["args"] = arg };
        if (timeout is not null)
        {
            send["timeout"] = timeout;
        }

        return send;
    }

    /// <summary>Python's <c>datetime.isoformat()</c>: an offset when aware, none when naive.</summary>
    private static object ParseDateTime(string text)
    {
        var aware = text.Length > 19 && (text.EndsWith('Z') || text[^6] is '+' or '-' || text[^9] is '+' or '-');
        return aware
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            : (object)DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind), DateTimeKind.Unspecified);
    }
}
