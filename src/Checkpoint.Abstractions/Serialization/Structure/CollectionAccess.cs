using System.Collections;
using System.Collections.Concurrent;

namespace Checkpoint;

/// <summary>
/// Fills and counts collections whatever their element type, through the generic interface deserialization itself
/// uses. The typed accessors are built once per type.
/// </summary>
internal static class CollectionAccess
{
    private static readonly ConcurrentDictionary<Type, Action<object, object?>> ElementWriters = new();

    /// <summary>Adds an element through <see cref="ICollection{T}"/>.</summary>
    public static void AddElement(object collection, Type element, object? value) =>
        ElementWriters.GetOrAdd(element, static type => GenericDelegates.Create<Action<object, object?>>(typeof(CollectionAccess), nameof(WriteElement), type))(collection, value);

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

    private static void WriteElement<T>(object collection, object? value) => ((ICollection<T>)collection).Add((T)value!);
}
