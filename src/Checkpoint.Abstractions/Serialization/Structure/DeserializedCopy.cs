using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint;

/// <summary>
/// Deep-copies a value that deserialization produced, building the copy the way deserialization would have: the same
/// constructors with the same arguments, the same setters, the same collection types, immutable leaves shared. A read
/// served from a cache hands out such copies, so no caller can change what the cache, or any other caller, holds.
/// </summary>
internal static class DeserializedCopy
{
    private const int MaxDepth = 128;

    /// <summary>Copies <paramref name="value"/>, declared with <paramref name="shape"/>, recording the object types it rebuilt in <paramref name="rebuilt"/>.</summary>
    /// <exception cref="NotSupportedException">The value holds something that cannot be copied this way.</exception>
    public static object? Copy(object? value, ValueShape shape, ISet<Type> rebuilt) => Copy(value, shape, rebuilt, 0);

    private static object? Copy(object? value, ValueShape declared, ISet<Type> rebuilt, int depth)
    {
        if (value is null)
        {
            return null;
        }

        if (depth > MaxDepth)
        {
            throw new NotSupportedException("The value is nested too deeply to copy.");
        }

        var shape = declared.Resolve(value);
        switch (shape.Kind)
        {
            case ShapeKind.Leaf:
                return value;
            case ShapeKind.Bytes:
                return ((byte[])value).Clone();
            case ShapeKind.Node:
                return ((JsonNode)value).DeepClone();
            case ShapeKind.Plain:
                return CopyPlain(value, depth);
            case ShapeKind.Object when shape.Constructible:
                rebuilt.Add(shape.Type);
                return CopyObject(value, shape, rebuilt, depth);
            case ShapeKind.Enumerable:
                return CopySequence(value, shape, rebuilt, depth);
            case ShapeKind.Dictionary:
                return CopyDictionary(value, shape, rebuilt, depth);
            default:
                throw new NotSupportedException($"Values of type {value.GetType()} are not copied.");
        }
    }

    private static object CopyObject(object value, ValueShape shape, ISet<Type> rebuilt, int depth)
    {
        object copy;
        if (shape.Constructor is { } constructor)
        {
            var arguments = (object?[])shape.ConstructorDefaults.Clone();
            foreach (var property in shape.Properties)
            {
                if (property.ConstructorPosition >= 0)
                {
                    arguments[property.ConstructorPosition] = Copy(property.Get(value), property.Shape, rebuilt, depth + 1);
                }
            }

            copy = constructor.Invoke(arguments.AsSpan());
        }
        else
        {
            copy = shape.Info!.CreateObject!();
        }

        shape.Info!.OnDeserializing?.Invoke(copy);
        foreach (var property in shape.Properties)
        {
            property.Set?.Invoke(copy, Copy(property.Get(value), property.Shape, rebuilt, depth + 1));
        }

        shape.Info.OnDeserialized?.Invoke(copy);
        return copy;
    }

    private static object CopySequence(object value, ValueShape shape, ISet<Type> rebuilt, int depth)
    {
        var element = shape.Element;
        if (value is Array array)
        {
            var copy = Array.CreateInstance(array.GetType().GetElementType()!, array.Length);
            for (var i = 0; i < array.Length; i++)
            {
                copy.SetValue(Copy(array.GetValue(i), element, rebuilt, depth + 1), i);
            }

            return copy;
        }

        var target = CreateEmpty(value, rebuilt);
        if (target is IList list)
        {
            foreach (var item in (IEnumerable)value)
            {
                list.Add(Copy(item, element, rebuilt, depth + 1));
            }
        }
        else
        {
            foreach (var item in (IEnumerable)value)
            {
                CollectionAccess.AddElement(target, shape.ElementType!, Copy(item, element, rebuilt, depth + 1));
            }
        }

        return target;
    }

    private static object CopyDictionary(object value, ValueShape shape, ISet<Type> rebuilt, int depth)
    {
        var target = CreateEmpty(value, rebuilt);
        foreach (var (key, item) in CollectionAccess.Entries(value, shape.KeyType!, shape.ElementType!))
        {
            CollectionAccess.AddEntry(target, shape.KeyType!, shape.ElementType!, Copy(key, shape.Key, rebuilt, depth + 1)!, Copy(item, shape.Element, rebuilt, depth + 1));
        }

        return target;
    }

    // Deserialization creates collections of the runtime type it chose with their parameterless constructor.
    private static object CreateEmpty(object value, ISet<Type> rebuilt)
    {
        var type = value.GetType();
        rebuilt.Add(type);
        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new NotSupportedException($"Collections of type {type} are not copied.");
        }

        return Activator.CreateInstance(type)!;
    }

    /// <summary>Untyped values as <see cref="PlainObjectConverter"/> loads them: leaves, lists and ordinal dictionaries.</summary>
    private static object? CopyPlain(object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new NotSupportedException("The value is nested too deeply to copy.");
        }

        switch (value)
        {
            case null:
                return null;
            case List<object?> list:
                var listCopy = new List<object?>(list.Count);
                foreach (var item in list)
                {
                    listCopy.Add(CopyPlain(item, depth + 1));
                }

                return listCopy;
            case Dictionary<string, object?> dictionary:
                var dictionaryCopy = new Dictionary<string, object?>(dictionary.Count, dictionary.Comparer);
                foreach (var (key, item) in dictionary)
                {
                    dictionaryCopy.Add(key, CopyPlain(item, depth + 1));
                }

                return dictionaryCopy;
            case JsonNode node:
                return node.DeepClone();
            case byte[] bytes:
                return bytes.Clone();
            case JsonElement:
                return value;
            default:
                return LeafValues.IsLeaf(value.GetType()) ? value : throw new NotSupportedException($"Untyped values of type {value.GetType()} are not copied.");
        }
    }
}
