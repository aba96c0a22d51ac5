using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

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

    private static void WriteElement<T>(object collection, object? value) => ((ICollection<T>)collection).Add((T)value!);
}
