using System.Collections;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Checkpoint;

/// <summary>
/// Item-level operations on the lists <see cref="JsonCheckpointSerializer"/> writes, so a long list that changed at
/// its end is serialized, compared and copied item by item instead of whole:
/// <list type="bullet">
/// <item>an item serializes to exactly the bytes it has inside the serialized list (same contract, same depth limit),
/// so chunks built from items are byte-identical to chunks cut from the whole value;</item>
/// <item>two items compare equal only when they serialize identically (<see cref="SerializedEquality"/>);</item>
/// <item>a deserialized item copies into an independent instance built the way deserialization builds it
/// (<see cref="DeserializedCopy"/>), checked once per type against the serializer itself.</item>
/// </list>
/// </summary>
internal sealed class ListItemCodec
{
    private readonly JsonCheckpointSerializer _serializer;
    private readonly JsonSerializerOptions _options;
    private readonly JsonSerializerOptions _itemOptions;
    private readonly ValueShapes _shapes;
    private readonly ConcurrentDictionary<string, ListDescription?> _byTag = new(StringComparer.Ordinal);

    public ListItemCodec(JsonCheckpointSerializer serializer, JsonSerializerOptions options)
    {
        _serializer = serializer;
        _options = options;

        // An item written alone sits one level higher than inside its list: one level less lets it go exactly as deep.
        var depth = options.MaxDepth == 0 ? 64 : options.MaxDepth;
        _itemOptions = new JsonSerializerOptions(options) { MaxDepth = depth - 1 };
        _itemOptions.MakeReadOnly(populateMissingResolver: true);
        _shapes = new ValueShapes(options);
    }

    /// <summary>Returns the description of a list value the codec handles (a <see cref="List{T}"/> or array with an allow-listed tag), or <see langword="null"/>.</summary>
    public ListDescription? Describe(object? value)
    {
        if (value is not IList)
        {
            return null;
        }

        var type = value.GetType();
        return (type.IsArray || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))) && _serializer.GetTypeTag(type) is { } tag
            ? Describe(tag)
            : null;
    }

    /// <summary>Returns the description of the lists stored with <paramref name="tag"/>, or <see langword="null"/> when it is not such a list.</summary>
    public ListDescription? Describe(string tag) => _byTag.GetOrAdd(tag, Build);

    /// <summary>Serializes one item exactly as it appears inside its serialized list.</summary>
    /// <exception cref="Exception">The item cannot be serialized; serialize the whole value for the error to report.</exception>
    public byte[] SerializeItem(ListDescription list, object? item) =>
        list.Untyped ? PlainObjectConverter.SerializeItem(item, _options) : JsonSerializer.SerializeToUtf8Bytes(item, list.ElementType, _itemOptions);

    /// <summary>Deserializes one item's JSON as it appears inside its list.</summary>
    public object? DeserializeItem(ListDescription list, ReadOnlySpan<byte> json) =>
        list.Untyped ? JsonSerializer.Deserialize<object>(json, _options) : JsonSerializer.Deserialize(json, list.ElementType, _itemOptions);

    /// <summary>Deserializes a chunk (a JSON list stored with its value's tag) into its list of items.</summary>
    /// <exception cref="CheckpointSerializationException">The chunk is not valid for its tag.</exception>
    public IList DeserializeChunk(SerializedValue chunk) =>
        _serializer.Deserialize(chunk) as IList ?? throw new CheckpointSerializationException($"A chunk stored as {chunk.Type} did not load as a list.");

    /// <summary>
    /// Returns whether an item serializes exactly as a stored one (<paramref name="snapshot"/>, which deserialization
    /// produced): chat messages with the default contracts through <see cref="ChatMessageEquality"/> (which lets the
    /// snapshot take the item's instances of equal strings), anything else through the general walk.
    /// </summary>
    public bool ItemEquals(ListDescription list, object? current, object? snapshot) =>
        list.Messages is { } messages && current is ChatMessage a && snapshot is ChatMessage b
            ? messages.Equal(a, b)
            : SerializedEquality.Equal(current, snapshot, list.ElementShape);

    /// <summary>
    /// Returns whether the items of <paramref name="items"/> from <paramref name="first"/> on serialize exactly as
    /// <paramref name="snapshots"/>, item by item (<see cref="ItemEquals"/>), reading lists of chat messages as spans
    /// rather than through the non-generic indexer.
    /// </summary>
    public bool RangeEquals(ListDescription list, IList items, int first, IList snapshots)
    {
        if (list.Messages is not null && items.GetType() == typeof(List<ChatMessage>) && snapshots.GetType() == typeof(List<ChatMessage>))
        {
            var stored = CollectionsMarshal.AsSpan((List<ChatMessage>)snapshots);
            var current = CollectionsMarshal.AsSpan((List<ChatMessage>)items).Slice(first, stored.Length);
            for (var i = 0; i < stored.Length; i++)
            {
                if (!ItemEquals(list, current[i], stored[i]))
                {
                    return false;
                }
            }

            return true;
        }

        for (var i = 0; i < snapshots.Count; i++)
        {
            if (!ItemEquals(list, items[first + i], snapshots[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Copies an item deserialization produced, or returns <see langword="false"/> when items like it are not copied
    /// (then the caller deserializes the item again). The first item that involves a type not seen before is
    /// serialized along with its copy, and the type is only trusted when both give the same bytes.
    /// </summary>
    public bool TryCopyItem(ListDescription list, object? item, out object? copy)
    {
        var context = CopyContext.Rent();
        try
        {
            return TryCopyItem(list, item, context, out copy);
        }
        finally
        {
            context.Return();
        }
    }

    /// <summary>
    /// Copies the items of a cached chunk (see <see cref="TryCopyItem(ListDescription, object?, out object?)"/>) into
    /// <paramref name="target"/>, a list of the chunk's type being filled in order, from <paramref name="position"/>.
    /// </summary>
    /// <returns>How many items were copied: all of them, or those before the first that is not copied (the caller parses the rest again).</returns>
    public int CopyItems(ListDescription list, IList items, IList target, int position)
    {
        var context = CopyContext.Rent();
        try
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (!TryCopyItem(list, items[i], context, out var copy))
                {
                    return i;
                }

                Put(target, position + i, copy, list);
            }

            return items.Count;
        }
        finally
        {
            context.Return();
        }
    }

    /// <summary>Sets the item at <paramref name="index"/> of a list <see cref="CreateList"/> made and that is filled in order.</summary>
    public static void Put(IList list, int index, object? item, ListDescription description)
    {
        if (description.IsArray)
        {
            list[index] = item;
        }
        else
        {
            list.Add(item);
        }
    }

    private bool TryCopyItem(ListDescription list, object? item, CopyContext context, out object? copy)
    {
        copy = item;
        if (list.ItemsImmutable || item is null)
        {
            return true;
        }

        try
        {
            copy = DeserializedCopy.Copy(item, list.ElementShape, context);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidCastException or ArgumentException or MemberAccessException or System.Reflection.TargetInvocationException)
        {
            context.TakeUntried();
            return false;
        }

        var untried = context.TakeUntried();

        if (untried is null)
        {
            return true;
        }

        var verdict = SerializeItem(list, item).AsSpan().SequenceEqual(SerializeItem(list, copy)) ? CopyVerdict.Faithful : CopyVerdict.Unfaithful;
        foreach (var shape in untried)
        {
            shape.CopyVerdict = verdict;
        }

        return verdict == CopyVerdict.Faithful;
    }

    /// <summary>Creates an empty list of the described type with room for <paramref name="count"/> items (an array of that length).</summary>
    public static IList CreateList(ListDescription list, int count) => list.CreateList(count);

    private ListDescription? Build(string tag)
    {
        if (_options.WriteIndented || _options.ReferenceHandler is not null
            || _serializer.ResolveTag(tag) is not { } type
            || !(type.IsArray || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))))
        {
            return null;
        }

        var element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0];
        var untyped = JsonCheckpointSerializer.IsUntypedTag(tag);
        if (!untyped && _options.GetTypeInfo(type).Kind != System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Enumerable)
        {
            return null; // a converter of its own writes this list type: its items are not what it writes
        }

        var shape = _shapes.Of(element);
        return new ListDescription
        {
            Tag = tag,
            ListType = type,
            IsArray = type.IsArray,
            ElementType = element,
            Untyped = untyped,
            ElementShape = shape,
            Messages = untyped ? null : ChatMessageEquality.For(shape),

            // Built once per list type: Activator.CreateInstance with a capacity argument binds the constructor every call.
            CreateList = GenericDelegates.Create<Func<int, IList>>(typeof(ListItemCodec), type.IsArray ? nameof(NewArray) : nameof(NewList), element),
        };
    }

    private static IList NewList<T>(int count) => new List<T>(count);

    private static IList NewArray<T>(int count) => new T[count];
}
