using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Checkpoint;

/// <summary>
/// Deep-copies a value that deserialization produced, building the copy the way deserialization would have: the same
/// constructors with the same arguments, the same setters, the same collection types, immutable leaves shared. A read
/// served from a cache hands out such copies, so no caller can change what the cache, or any other caller, holds.
/// </summary>
internal static class DeserializedCopy
{
    private const int MaxDepth = 128;

    private static readonly ConcurrentDictionary<Type, Func<object>?> Factories = new();

    /// <summary>Copies <paramref name="value"/>, declared with <paramref name="shape"/>.</summary>
    /// <exception cref="NotSupportedException">The value holds something that cannot be copied this way.</exception>
    public static object? Copy(object? value, ValueShape shape, CopyContext context) => Copy(value, shape, context, 0);

    /// <summary>Copies a value nested in an object; compiled copiers call this for members that are not leaves.</summary>
    public static object? CopyMember(object? value, ValueShape shape, CopyContext context) => Copy(value, shape, context, 1);

    private static object? Copy(object? value, ValueShape declared, CopyContext context, int depth)
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
                context.Rebuilt(shape);
                return shape.CompiledCopy is { } compiled ? compiled(value, context) : CopyObject(value, shape, context, depth);
            case ShapeKind.Enumerable:
                return CopySequence(value, shape, context, depth);
            case ShapeKind.Dictionary:
                return CopyDictionary(value, shape, context, depth);
            default:
                throw new NotSupportedException($"Values of type {value.GetType()} are not copied.");
        }
    }

    private static object CopyObject(object value, ValueShape shape, CopyContext context, int depth)
    {
        object copy;
        if (shape.Constructor is { } constructor)
        {
            var arguments = (object?[])shape.ConstructorDefaults.Clone();
            foreach (var property in shape.Properties)
            {
                if (property.ConstructorPosition >= 0)
                {
                    arguments[property.ConstructorPosition] = Copy(property.Get(value), property.Shape, context, depth + 1);
                }
            }

            copy = constructor.Invoke(arguments);
        }
        else
        {
            copy = shape.Info!.CreateObject!();
        }

        shape.Info!.OnDeserializing?.Invoke(copy);
        foreach (var property in shape.Properties)
        {
            property.Set?.Invoke(copy, Copy(property.Get(value), property.Shape, context, depth + 1));
        }

        shape.Info.OnDeserialized?.Invoke(copy);
        return copy;
    }

    private static object CopySequence(object value, ValueShape shape, CopyContext context, int depth)
    {
        if (shape.TypedSequenceCopy(value, shape, context, depth) is { } typed)
        {
            return typed;
        }

        var element = shape.Element;
        if (value is Array array)
        {
            var copy = Array.CreateInstance(array.GetType().GetElementType()!, array.Length);
            for (var i = 0; i < array.Length; i++)
            {
                copy.SetValue(Copy(array.GetValue(i), element, context, depth + 1), i);
            }

            return copy;
        }

        var target = CreateEmpty(value);
        if (target is IList list)
        {
            if (value is IList source)
            {
                for (var i = 0; i < source.Count; i++)
                {
                    list.Add(Copy(source[i], element, context, depth + 1));
                }
            }
            else
            {
                foreach (var item in (IEnumerable)value)
                {
                    list.Add(Copy(item, element, context, depth + 1));
                }
            }
        }
        else
        {
            foreach (var item in (IEnumerable)value)
            {
                CollectionAccess.AddElement(target, shape.ElementType!, Copy(item, element, context, depth + 1));
            }
        }

        return target;
    }

    private static object CopyDictionary(object value, ValueShape shape, CopyContext context, int depth) =>
        shape.TypedDictionaryCopy(value, shape, context, depth)
        ?? throw new NotSupportedException($"Dictionaries of type {value.GetType()} are not copied.");

    /// <summary>Creates the typed copier of sequences of <paramref name="element"/> items (see <see cref="CopyTypedSequence{T}"/>).</summary>
    public static TypedCopy TypedSequenceCopier(Type element) => GenericDelegates.Create<TypedCopy>(typeof(DeserializedCopy), nameof(CopyTypedSequence), element);

    /// <summary>Creates the typed copier of dictionaries (see <see cref="CopyTypedDictionary{TKey, TValue}"/>).</summary>
    public static TypedCopy TypedDictionaryCopier(Type key, Type value) => GenericDelegates.Create<TypedCopy>(typeof(DeserializedCopy), nameof(CopyTypedDictionary), key, value);

    // The lists and arrays deserialization creates, copied without going through the non-generic interfaces and into
    // a list of the final size; any other collection type gives null and takes the general path.
    private static object? CopyTypedSequence<T>(object value, ValueShape shape, CopyContext context, int depth)
    {
        var element = shape.Element;
        if (value.GetType() == typeof(List<T>))
        {
            var source = CollectionsMarshal.AsSpan((List<T>)value);
            var copy = new List<T>(source.Length);
            if (element.Kind == ShapeKind.Leaf)
            {
                copy.AddRange(source);
                return copy;
            }

            foreach (var item in source)
            {
                copy.Add((T)Copy(item, element, context, depth + 1)!);
            }

            return copy;
        }

        if (value.GetType() == typeof(T[]))
        {
            var source = (T[])value;
            if (element.Kind == ShapeKind.Leaf)
            {
                return source.Clone();
            }

            var copy = new T[source.Length];
            for (var i = 0; i < source.Length; i++)
            {
                copy[i] = (T)Copy(source[i], element, context, depth + 1)!;
            }

            return copy;
        }

        return null;
    }

    // Dictionaries enumerated through their own struct enumerators where the type is known (no boxed enumerator or
    // iterator per dictionary) and filled through the generic interface; other types take the general path.
    private static object? CopyTypedDictionary<TKey, TValue>(object value, ValueShape shape, CopyContext context, int depth)
        where TKey : notnull
    {
        if (value is not IDictionary<TKey, TValue>)
        {
            return null;
        }

        var target = (IDictionary<TKey, TValue>)CreateEmpty(value);
        var keys = shape.Key;
        var values = shape.Element;
        var type = value.GetType();
        if (type == typeof(Dictionary<TKey, TValue>))
        {
            foreach (var (key, item) in (Dictionary<TKey, TValue>)value)
            {
                target.Add(CopyEntry(key, keys, context, depth), CopyEntry(item, values, context, depth));
            }
        }
        else if (type == typeof(AdditionalPropertiesDictionary<TValue>) || type == typeof(AdditionalPropertiesDictionary))
        {
            foreach (var (key, item) in (AdditionalPropertiesDictionary<TValue>)value)
            {
                target.Add((TKey)(object)CopyEntry(key, keys, context, depth), CopyEntry(item, values, context, depth));
            }
        }
        else
        {
            foreach (var (key, item) in (IEnumerable<KeyValuePair<TKey, TValue>>)value)
            {
                target.Add(CopyEntry(key, keys, context, depth), CopyEntry(item, values, context, depth));
            }
        }

        return target;
    }

    // A null entry copies to null, which its type allows since the original held it.
    private static T CopyEntry<T>(T value, ValueShape shape, CopyContext context, int depth) =>
        shape.Kind == ShapeKind.Leaf ? value : (T)Copy(value, shape, context, depth + 1)!;

    // Deserialization creates collections of the runtime type it chose with their parameterless constructor.
    private static object CreateEmpty(object value)
    {
        var factory = Factories.GetOrAdd(value.GetType(), static type =>
            type.GetConstructor(Type.EmptyTypes) is null ? null : Expression.Lambda<Func<object>>(Expression.Convert(Expression.New(type), typeof(object))).Compile());
        return factory?.Invoke() ?? throw new NotSupportedException($"Collections of type {value.GetType()} are not copied.");
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
