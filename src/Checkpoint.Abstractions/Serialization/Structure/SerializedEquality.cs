using System.Collections;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Checkpoint;

/// <summary>
/// Decides whether two values would serialize to the same JSON, by walking them with their JSON contracts instead of
/// writing them: every serialized property, element and entry, in order, compared strictly at the leaves. Sound in one
/// direction only, which is the one that matters: <see langword="true"/> means identical JSON; anything the walk does
/// not understand (a custom converter, a throwing getter, too deep a graph) gives <see langword="false"/>.
/// </summary>
/// <remarks>
/// Runs for every item of every long list a put compares, so the walks below are written out as plain loops: a shared
/// lockstep helper taking a delegate and iterator adapters allocated per compared container and tripled what a put
/// allocates at 10,000 messages (bench --scaling).
/// </remarks>
internal static class SerializedEquality
{
    private const int MaxDepth = 128;

    /// <summary>Returns whether <paramref name="a"/> and <paramref name="b"/>, declared with <paramref name="shape"/>, serialize identically.</summary>
    public static bool Equal(object? a, object? b, ValueShape shape)
    {
        try
        {
            return Equal(a, b, shape, 0);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A getter or enumerator that throws: the serializer would fail too, so never call the values equal.
            return false;
        }
    }

    /// <summary>Compares members of two objects; compiled comparers call this for members that are not leaves.</summary>
    public static bool EqualMember(object? a, object? b, ValueShape shape) => Equal(a, b, shape, 1);

    /// <summary>Compares elements of a collection member (two levels below the compared item), the way the walk reaches them.</summary>
    public static bool EqualElement(object? a, object? b, ValueShape shape) => Equal(a, b, shape, 2);

    private static bool Equal(object? a, object? b, ValueShape declared, int depth)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (depth > MaxDepth)
        {
            return false;
        }

        var shape = declared.Resolve(a);
        switch (shape.Kind)
        {
            case ShapeKind.Leaf:
                return a.GetType() == b.GetType() && LeafValues.Equal(a, b);
            case ShapeKind.Bytes:
                return a is byte[] x && b is byte[] y && x.AsSpan().SequenceEqual(y);
            case ShapeKind.Node:
                return a is JsonNode nodeA && b is JsonNode nodeB && NodeEqual(nodeA, nodeB, depth);
            case ShapeKind.Plain:
                return PlainEqual(a, b, depth);
            case ShapeKind.Object:
                if (declared.Resolve(b) != shape)
                {
                    return false;
                }

                if (shape.CompiledEquality is { } compiled)
                {
                    return compiled(a, b);
                }

                foreach (var property in shape.Properties)
                {
                    if (!Equal(property.Get(a), property.Get(b), property.Shape, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            case ShapeKind.Enumerable:
                return shape.TypedSequenceEqual(a, b, shape, depth)
                    ?? (a is IEnumerable sequenceA && b is IEnumerable sequenceB && SequenceEqual(sequenceA, sequenceB, shape.Element, depth));
            case ShapeKind.Dictionary:
                // Null when either is not a generic dictionary of the shape's types: such values never come out of deserialization.
                return shape.TypedDictionaryEqual(a, b, shape, depth) ?? false;
            default:
                return false;
        }
    }

    /// <summary>Creates the typed comparer of sequences of <paramref name="element"/> items (see <see cref="TypedSequenceEqual{T}"/>).</summary>
    public static TypedEquality TypedSequenceComparer(Type element) => GenericDelegates.Create<TypedEquality>(typeof(SerializedEquality), nameof(TypedSequenceEqual), element);

    /// <summary>Creates the typed comparer of dictionaries (see <see cref="TypedDictionaryEqual{TKey, TValue}"/>).</summary>
    public static TypedEquality TypedDictionaryComparer(Type key, Type value) => GenericDelegates.Create<TypedEquality>(typeof(SerializedEquality), nameof(TypedDictionaryEqual), key, value);

    // Lists and arrays of exactly the element type, read without the non-generic interfaces; null for other collection types.
    private static bool? TypedSequenceEqual<T>(object a, object b, ValueShape shape, int depth)
    {
        ReadOnlySpan<T> x;
        ReadOnlySpan<T> y;
        var type = a.GetType();
        if (type != b.GetType())
        {
            return null;
        }

        if (type == typeof(List<T>))
        {
            x = CollectionsMarshal.AsSpan((List<T>)a);
            y = CollectionsMarshal.AsSpan((List<T>)b);
        }
        else if (type == typeof(T[]))
        {
            x = (T[])a;
            y = (T[])b;
        }
        else
        {
            return null;
        }

        if (x.Length != y.Length)
        {
            return false;
        }

        var element = shape.Element;
        for (var i = 0; i < x.Length; i++)
        {
            if (!Equal(x[i], y[i], element, depth + 1))
            {
                return false;
            }
        }

        return true;
    }

    // Entries in enumeration order (the order they are written in), through the dictionaries' own struct enumerators
    // where both are of a known type, else through the generic interface: no iterator or adapter per dictionary.
    private static bool? TypedDictionaryEqual<TKey, TValue>(object a, object b, ValueShape shape, int depth)
        where TKey : notnull
    {
        if (a.GetType() == typeof(Dictionary<TKey, TValue>) && b.GetType() == a.GetType())
        {
            return EntriesEqual<Dictionary<TKey, TValue>.Enumerator, TKey, TValue>(((Dictionary<TKey, TValue>)a).GetEnumerator(), ((Dictionary<TKey, TValue>)b).GetEnumerator(), shape, depth);
        }

        if (a is AdditionalPropertiesDictionary<TValue> propertiesA && b is AdditionalPropertiesDictionary<TValue> propertiesB
            && (a.GetType() == typeof(AdditionalPropertiesDictionary) || a.GetType() == typeof(AdditionalPropertiesDictionary<TValue>)) && b.GetType() == a.GetType())
        {
            return EntriesEqual<AdditionalPropertiesDictionary<TValue>.Enumerator, string, TValue>(propertiesA.GetEnumerator(), propertiesB.GetEnumerator(), shape, depth);
        }

        return a is IEnumerable<KeyValuePair<TKey, TValue>> entriesA && b is IEnumerable<KeyValuePair<TKey, TValue>> entriesB
            ? EntriesEqual<IEnumerator<KeyValuePair<TKey, TValue>>, TKey, TValue>(entriesA.GetEnumerator(), entriesB.GetEnumerator(), shape, depth)
            : null;
    }

    private static bool EntriesEqual<TEnumerator, TKey, TValue>(TEnumerator left, TEnumerator right, ValueShape shape, int depth)
        where TEnumerator : IEnumerator<KeyValuePair<TKey, TValue>>
    {
        try
        {
            while (true)
            {
                var more = left.MoveNext();
                if (more != right.MoveNext())
                {
                    return false;
                }

                if (!more)
                {
                    return true;
                }

                var (keyA, valueA) = left.Current;
                var (keyB, valueB) = right.Current;
                if (!Equal(keyA, keyB, shape.Key, depth + 1) || !Equal(valueA, valueB, shape.Element, depth + 1))
                {
                    return false;
                }
            }
        }
        finally
        {
            left.Dispose();
            right.Dispose();
        }
    }

    private static bool SequenceEqual(IEnumerable a, IEnumerable b, ValueShape element, int depth)
    {
        if (a is IList listA && b is IList listB)
        {
            if (listA.Count != listB.Count)
            {
                return false;
            }

            for (var i = 0; i < listA.Count; i++)
            {
                if (!Equal(listA[i], listB[i], element, depth + 1))
                {
                    return false;
                }
            }

            return true;
        }

        var left = a.GetEnumerator();
        var right = b.GetEnumerator();
        try
        {
            while (true)
            {
                var more = left.MoveNext();
                if (more != right.MoveNext())
                {
                    return false;
                }

                if (!more)
                {
                    return true;
                }

                if (!Equal(left.Current, right.Current, element, depth + 1))
                {
                    return false;
                }
            }
        }
        finally
        {
            (left as IDisposable)?.Dispose();
            (right as IDisposable)?.Dispose();
        }
    }

    /// <summary>Values declared as <see cref="object"/>, by the rules <see cref="PlainObjectConverter"/> writes them with.</summary>
    private static bool PlainEqual(object? a, object? b, int depth)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (depth > MaxDepth)
        {
            return false;
        }

        switch (a)
        {
            case string or bool or decimal or JsonElement:
                return a.GetType() == b.GetType() && LeafValues.Equal(a, b);
            case ulong x:
                return b is ulong y && x == y;
            case int or long or short or sbyte or byte or ushort or uint:
                // The converter writes every one of these as the same 64-bit integer.
                return b is int or long or short or sbyte or byte or ushort or uint && Convert.ToInt64(a, null) == Convert.ToInt64(b, null);
            case float or double:
                return b is float or double && BitConverter.DoubleToInt64Bits(Convert.ToDouble(a, null)) == BitConverter.DoubleToInt64Bits(Convert.ToDouble(b, null));
            case JsonNode node:
                return b is JsonNode other && NodeEqual(node, other, depth);
            case byte[] bytes:
                return b is byte[] otherBytes && bytes.AsSpan().SequenceEqual(otherBytes);
        }

        // Containers of the same type only: two dictionary or list types could be written alike today, but nothing
        // here should depend on that.
        if (a.GetType() != b.GetType())
        {
            return false;
        }

        switch (a)
        {
            case Dictionary<string, object?> dictionary when a.GetType() == typeof(Dictionary<string, object?>):
            {
                var other = (Dictionary<string, object?>)b;
                if (dictionary.Count != other.Count)
                {
                    return false;
                }

                var right = other.GetEnumerator();
                foreach (var (key, value) in dictionary)
                {
                    right.MoveNext();
                    if (!string.Equals(key, right.Current.Key, StringComparison.Ordinal) || !PlainEqual(value, right.Current.Value, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            }

            case List<object?> list when a.GetType() == typeof(List<object?>):
            {
                var other = (List<object?>)b;
                if (list.Count != other.Count)
                {
                    return false;
                }

                for (var i = 0; i < list.Count; i++)
                {
                    if (!PlainEqual(list[i], other[i], depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            }

            case IDictionary dictionary:
            {
                var other = (IDictionary)b;
                if (dictionary.Count != other.Count)
                {
                    return false;
                }

                var left = dictionary.GetEnumerator();
                var right = other.GetEnumerator();
                while (left.MoveNext() && right.MoveNext())
                {
                    if (left.Key is not string key || right.Key is not string otherKey || !string.Equals(key, otherKey, StringComparison.Ordinal)
                        || !PlainEqual(left.Value, right.Value, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            }

            case IEnumerable sequence:
            {
                using var right = ((IEnumerable)b).Cast<object?>().GetEnumerator();
                foreach (var item in sequence)
                {
                    if (!right.MoveNext() || !PlainEqual(item, right.Current, depth + 1))
                    {
                        return false;
                    }
                }

                return !right.MoveNext();
            }

            default:
                return false;
        }
    }

    private static bool NodeEqual(JsonNode? a, JsonNode? b, int depth)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (depth > MaxDepth)
        {
            return false;
        }

        switch (a, b)
        {
            case (JsonObject x, JsonObject y):
                if (x.Count != y.Count)
                {
                    return false;
                }

                using (var left = x.GetEnumerator())
                using (var right = y.GetEnumerator())
                {
                    while (left.MoveNext() && right.MoveNext())
                    {
                        if (!string.Equals(left.Current.Key, right.Current.Key, StringComparison.Ordinal) || !NodeEqual(left.Current.Value, right.Current.Value, depth + 1))
                        {
                            return false;
                        }
                    }
                }

                return true;
            case (JsonArray x, JsonArray y):
                if (x.Count != y.Count)
                {
                    return false;
                }

                for (var i = 0; i < x.Count; i++)
                {
                    if (!NodeEqual(x[i], y[i], depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            case (JsonValue x, JsonValue y):
                return ValueEqual(x, y);
            default:
                return false;
        }
    }

    // A value node over a parsed element or a plain primitive compares by its JSON text; one wrapping any other object
    // may be written through options of its own, so it is never called equal.
    private static bool ValueEqual(JsonValue a, JsonValue b)
    {
        var kind = a.GetValueKind();
        return kind == b.GetValueKind() && IsPrimitive(a) && IsPrimitive(b) && string.Equals(a.ToJsonString(), b.ToJsonString(), StringComparison.Ordinal);
    }

    private static bool IsPrimitive(JsonValue value) =>
        value.TryGetValue<JsonElement>(out _) || value.TryGetValue<string>(out _) || value.TryGetValue<bool>(out _)
        || value.TryGetValue<long>(out _) || value.TryGetValue<int>(out _) || value.TryGetValue<double>(out _) || value.TryGetValue<decimal>(out _);
}
