using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Checkpoint;

/// <summary>
/// Reads and fills collections and dictionaries whatever their key and element types, through the generic interfaces
/// deserialization itself uses (a dictionary such as <c>AdditionalPropertiesDictionary</c> has no non-generic one).
/// The typed accessors are built once per type pair.
/// </summary>
internal static class CollectionAccess
{
    private static readonly ConcurrentDictionary<(Type Key, Type Value), Func<object, IEnumerable<(object Key, object? Value)>>> PairReaders = new();
    private static readonly ConcurrentDictionary<(Type Key, Type Value), Action<object, object, object?>> PairWriters = new();
    private static readonly ConcurrentDictionary<Type, Action<object, object?>> ElementWriters = new();

    /// <summary>Enumerates a dictionary's entries in its own order (the order they are written in).</summary>
    public static IEnumerable<(object Key, object? Value)> Entries(object dictionary, Type key, Type value) =>
        PairReaders.GetOrAdd((key, value), static types => Create<Func<object, IEnumerable<(object, object?)>>>(nameof(ReadPairs), types.Key, types.Value))(dictionary);

    /// <summary>Adds an entry through <see cref="IDictionary{TKey, TValue}"/>.</summary>
    public static void AddEntry(object dictionary, Type key, Type value, object entryKey, object? entryValue) =>
        PairWriters.GetOrAdd((key, value), static types => Create<Action<object, object, object?>>(nameof(WritePair), types.Key, types.Value))(dictionary, entryKey, entryValue);

    /// <summary>Adds an element through <see cref="ICollection{T}"/>.</summary>
    public static void AddElement(object collection, Type element, object? value) =>
        ElementWriters.GetOrAdd(element, static type => Create<Action<object, object?>>(nameof(WriteElement), type))(collection, value);

    /// <summary>Counts a collection's elements, cheaply when it knows its count.</summary>
    public static int Count(IEnumerable sequence)
    {
        if (sequence is ICollection collection)
        {
            return collection.Count;
        }

        var count = 0;
        foreach (var _ in sequence)
        {
            count++;
        }

        return count;
    }

    private static T Create<T>(string method, params Type[] arguments)
        where T : Delegate =>
        typeof(CollectionAccess).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(arguments).CreateDelegate<T>();

    private static IEnumerable<(object, object?)> ReadPairs<TKey, TValue>(object dictionary)
        where TKey : notnull
    {
        foreach (var (key, value) in (IEnumerable<KeyValuePair<TKey, TValue>>)dictionary)
        {
            yield return (key, value);
        }
    }

    private static void WritePair<TKey, TValue>(object dictionary, object key, object? value)
        where TKey : notnull =>
        ((IDictionary<TKey, TValue>)dictionary).Add((TKey)key, (TValue)value!);

    private static void WriteElement<T>(object collection, object? value) => ((ICollection<T>)collection).Add((T)value!);
}
