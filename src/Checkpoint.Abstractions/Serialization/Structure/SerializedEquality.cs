using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint;

/// <summary>
/// Decides whether two values would serialize to the same JSON, by walking them with their JSON contracts instead of
/// writing them: every serialized property, element and entry, in order, compared strictly at the leaves. Sound in one
/// direction only, which is the one that matters: <see langword="true"/> means identical JSON; anything the walk does
/// not understand (a custom converter, a throwing getter, too deep a graph) gives <see langword="false"/>.
/// </summary>
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
                return a is IEnumerable sequenceA && b is IEnumerable sequenceB && SequenceEqual(sequenceA, sequenceB, shape.Element, depth);
            case ShapeKind.Dictionary:
                return DictionaryEqual(a, b, shape, depth);
            default:
                return false;
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

        return Lockstep(a.Cast<object?>(), b.Cast<object?>(), (x, y) => Equal(x, y, element, depth + 1));
    }

    private static bool DictionaryEqual(object a, object b, ValueShape shape, int depth) =>
        Lockstep(
            CollectionAccess.Entries(a, shape.KeyType!, shape.ElementType!),
            CollectionAccess.Entries(b, shape.KeyType!, shape.ElementType!),
            (x, y) => Equal(x.Key, y.Key, shape.Key, depth + 1) && Equal(x.Value, y.Value, shape.Element, depth + 1));

    // A dictionary enumerated as a plain sequence yields key-value pairs of its own type; its dictionary enumerator
    // yields entries whatever the type.
    private static IEnumerable<DictionaryEntry> Entries(IDictionary dictionary)
    {
        var entries = dictionary.GetEnumerator();
        while (entries.MoveNext())
        {
            yield return entries.Entry;
        }
    }

    /// <summary>Whether two sequences have the same length and pairwise equal elements, in order.</summary>
    private static bool Lockstep<T>(IEnumerable<T> a, IEnumerable<T> b, Func<T, T, bool> equal)
    {
        using var left = a.GetEnumerator();
        using var right = b.GetEnumerator();
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

            if (!equal(left.Current, right.Current))
            {
                return false;
            }
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
            case IDictionary dictionary:
                return Lockstep(
                    Entries(dictionary),
                    Entries((IDictionary)b),
                    (x, y) => x.Key is string key && y.Key is string other && string.Equals(key, other, StringComparison.Ordinal) && PlainEqual(x.Value, y.Value, depth + 1));
            case IEnumerable sequence:
                return Lockstep(sequence.Cast<object?>(), ((IEnumerable)b).Cast<object?>(), (x, y) => PlainEqual(x, y, depth + 1));
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
