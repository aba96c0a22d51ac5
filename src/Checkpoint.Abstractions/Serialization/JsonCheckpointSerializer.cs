using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Checkpoint;

/// <summary>
/// The default <see cref="ICheckpointSerializer"/>: System.Text.Json with an explicit allow-list of types.
/// </summary>
/// <remarks>
/// <para>
/// A value is stored as <c>json:&lt;type name&gt;</c> plus UTF-8 JSON, where the type name comes from the allow-list
/// (<c>string</c>, <c>int64</c>, <c>list&lt;chatmessage&gt;</c>, <c>dict&lt;any&gt;</c>, a registered name, ...). Loading
/// resolves the name only through that list: a name the list does not hold is refused with a
/// <see cref="CheckpointSerializationException"/> and no type is ever instantiated from stored data.
/// </para>
/// <para>
/// <see langword="null"/> is stored as <c>null</c>, a <see cref="byte"/> array as <c>bytes</c> (raw), and a
/// <see cref="DeltaSnapshot"/> as <c>snapshot:&lt;inner tag&gt;</c>.
/// </para>
/// <para>
/// Loading also reads what LangGraph stores (<c>json</c>, <c>msgpack</c>, <c>bytearray</c>, <c>empty</c>), as
/// <see cref="LangGraphSerializer"/> describes, so a thread LangGraph.js or LangGraph Python wrote reads with no configuration.
/// </para>
/// </remarks>
public sealed partial class JsonCheckpointSerializer : ICheckpointSerializer
{
    private const string NullType = "null";
    private const string BytesType = "bytes";
    private const string JsonPrefix = "json:";
    private const string SnapshotPrefix = "snapshot:";

    private readonly SerializerTypeMap _types;
    private readonly JsonSerializerOptions _options;

    // Whether chat messages are read with Microsoft.Extensions.AI's own contracts (no JSON options of the caller's).
    private readonly bool _defaultContracts;

    /// <summary>Initializes a serializer.</summary>
    /// <param name="options">The registrations and JSON options; built-in types only when <see langword="null"/>.</param>
    public JsonCheckpointSerializer(JsonCheckpointSerializerOptions? options = null)
    {
        _types = new SerializerTypeMap(options?.Registrations ?? new Dictionary<string, Type>());
        _options = new JsonSerializerOptions(options?.JsonSerializerOptions ?? DefaultJsonSerializerOptions);
        _options.Encoder = new StrictUnicodeEncoder(_options.Encoder ?? JavaScriptEncoder.Default);
        _options.Converters.Insert(0, new PlainObjectConverter());
        _options.MakeReadOnly(populateMissingResolver: true);
        _defaultContracts = options?.JsonSerializerOptions is null;
    }

    /// <summary>
    /// Gets the JSON options used when none are configured: Microsoft.Extensions.AI's contracts for chat messages,
    /// camelCase names with nulls omitted, reflection for registered types, and named floating-point literals so that <see cref="double.NaN"/> round-trips.
    /// </summary>
    public static JsonSerializerOptions DefaultJsonSerializerOptions { get; } = CreateDefaultOptions();

    /// <summary>Gets a serializer that allows the built-in types only.</summary>
    public static JsonCheckpointSerializer Default { get; } = new();

    /// <summary>Returns the tag <see cref="Serialize"/> writes for a value of <paramref name="type"/>.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The tag, or <see langword="null"/> when values of the type may not be stored.</returns>
    public string? GetTypeTag(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type == typeof(byte[]))
        {
            return BytesType;
        }

        return _types.TryGetName(type) is { } name ? JsonPrefix + name : null;
    }

    /// <inheritdoc />
    public SerializedValue Serialize(object? value)
    {
        switch (value)
        {
            case null:
                return new SerializedValue(NullType, []);
            case byte[] bytes:
                return new SerializedValue(BytesType, bytes.ToArray());
            case DeltaSnapshot snapshot:
                var inner = Serialize(snapshot.Value);
                return new SerializedValue(SnapshotPrefix + inner.Type, inner.Data);
        }

        var type = value.GetType();
        var name = _types.TryGetName(type) ?? throw new CheckpointSerializationException(
            $"values of type {type.FullName} may not be stored: register the type with JsonCheckpointSerializerOptions.Register<T>(name) " +
            "(only allow-listed types can be loaded back), or use a built-in type such as a string, a number, a JsonNode, a ChatMessage, " +
            "or a List<T>, T[] or Dictionary<string, T> of those.",
            channel: null,
            path: "$");
        try
        {
            var json = UntypedName().IsMatch(name)
                ? PlainObjectConverter.SerializeRoot(value, _options)
                : JsonSerializer.SerializeToUtf8Bytes(value, type, _options);
            return new SerializedValue(JsonPrefix + name, json);
        }
        catch (Exception e) when (FindPlainValueError(e) is { } plain)
        {
            var path = (ExtractPath(e.Message) ?? "$") + plain.InnerPath;
            throw new CheckpointSerializationException($"the value at {path} cannot be stored: {plain.Reason}.", null, path, e);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            var path = (e as JsonException)?.Path ?? ExtractPath(e.Message) ?? "$";
            throw new CheckpointSerializationException($"the value at {path} cannot be stored as {name}: {e.Message}", null, path, e);
        }
    }

    /// <inheritdoc />
    public object? Deserialize(SerializedValue value)
    {
        var tag = value.Type ?? throw new CheckpointSerializationException("The stored value has no type tag.");
        var data = value.Data ?? [];
        // Values LangGraph.js or LangGraph Python wrote (a thread shared with them) need no configuration.
        if (Serialization.LangGraph.LangGraphTags.TryRead(tag, data, out var foreign))
        {
            return foreign;
        }

        if (tag.StartsWith(SnapshotPrefix, StringComparison.Ordinal))
        {
            return new DeltaSnapshot(Deserialize(new SerializedValue(tag[SnapshotPrefix.Length..], data)));
        }

        if (!tag.StartsWith(JsonPrefix, StringComparison.Ordinal))
        {
            throw new CheckpointSerializationException(
                $"The stored type tag '{Truncate(tag)}' is not one this serializer reads (is the value encrypted, or written by another serializer?).");
        }

        var name = tag[JsonPrefix.Length..];
        var type = _types.TryResolve(name) ?? throw new CheckpointSerializationException(
            $"The stored type name '{Truncate(name)}' is not on the allow-list, so it was not loaded. " +
            "If it names one of your types, register it with JsonCheckpointSerializerOptions.Register<T>(name).");
        try
        {
            return type == typeof(List<ChatMessage>) && _defaultContracts && ChatMessageListReader.TryRead(data, _options) is { } messages
                ? messages
                : JsonSerializer.Deserialize(data, type, _options);
        }
        catch (JsonException e)
        {
            throw new CheckpointSerializationException($"The stored {name} value is not valid: {e.Message}", null, e.Path, e);
        }
    }

    private static JsonSerializerOptions CreateDefaultOptions()
    {
        // Microsoft.Extensions.AI's own settings (camelCase, nulls omitted) keep stored chat messages compact.
        var options = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(AIJsonUtilities.DefaultOptions.TypeInfoResolver, new DefaultJsonTypeInfoResolver()),
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            WriteIndented = false,
        };
        options.MakeReadOnly();
        return options;
    }

    private static PlainValueException? FindPlainValueError(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is PlainValueException plain)
            {
                return plain;
            }
        }

        return null;
    }

    private static string? ExtractPath(string message)
    {
        var match = PathInMessage().Match(message);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static string Truncate(string text) => text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 120), "...");

    [GeneratedRegex(@"^(?:(?:list|array|dict)<)*any>*$", RegexOptions.CultureInvariant)]
    private static partial Regex UntypedName();

    [GeneratedRegex(@"Path: (\$[^ |]*?)\.?(?:\s|\||$)", RegexOptions.CultureInvariant)]
    private static partial Regex PathInMessage();
}
