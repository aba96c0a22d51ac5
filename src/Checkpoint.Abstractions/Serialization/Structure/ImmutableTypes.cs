using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;

namespace Checkpoint;

/// <summary>
/// Decides whether objects of a type can never change after construction, so that the same object always serializes
/// to the same JSON: a put may then take an item that is the very object it stored before as unchanged without
/// comparing it.
/// </summary>
/// <remarks>
/// The rule is strict and proven from the type alone: strings, <see cref="Uri"/>, primitives, enums and the other
/// leaf value types the serializer writes as one JSON value; and classes and structs all of whose instance fields,
/// declared anywhere in their hierarchy, are <see langword="readonly"/> and of immutable types themselves (a record
/// with positional or <c>init</c> properties of such types qualifies). Arrays, collections other than the immutable
/// collections of immutable items, <see cref="JsonElement"/> (its document can be disposed) and
/// <see cref="System.Text.Json.Nodes.JsonNode"/> never do. Changing a <see langword="readonly"/> field through
/// reflection or unsafe code, or a getter that reads mutable state elsewhere, defeats the rule; such types are not
/// supported as long-list items.
/// </remarks>
internal static class ImmutableTypes
{
    private static readonly ConcurrentDictionary<Type, bool> Known = new();

    private static readonly HashSet<Type> ImmutableGenerics =
    [
        typeof(ImmutableArray<>), typeof(ImmutableList<>), typeof(ImmutableHashSet<>), typeof(ImmutableSortedSet<>), typeof(ImmutableQueue<>),
        typeof(ImmutableStack<>), typeof(ImmutableDictionary<,>), typeof(ImmutableSortedDictionary<,>), typeof(Nullable<>),
        typeof(KeyValuePair<,>),
    ];

    /// <summary>Returns whether objects of exactly <paramref name="type"/> never change.</summary>
    public static bool IsImmutable(Type type) => Known.TryGetValue(type, out var known) ? known : Known.GetOrAdd(type, Prove(type, []));

    /// <summary>Returns whether every non-null item of the given range, by its runtime type, never changes.</summary>
    public static bool AreImmutable(System.Collections.IList items, int first, int count)
    {
        Type? last = null;
        for (var i = first; i < first + count; i++)
        {
            var type = items[i]?.GetType();
            if (type is null || type == last)
            {
                continue;
            }

            if (!IsImmutable(type))
            {
                return false;
            }

            last = type;
        }

        return true;
    }

    private static bool Prove(Type type, HashSet<Type> visiting)
    {
        if (type == typeof(string) || type == typeof(Uri) || type.IsPrimitive || type.IsEnum || type == typeof(decimal) || type == typeof(DateTime)
            || type == typeof(DateTimeOffset) || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(TimeSpan) || type == typeof(Guid)
            || type == typeof(Half) || type == typeof(Int128) || type == typeof(UInt128))
        {
            return true;
        }

        if (type.IsArray || type.IsPointer || type.IsByRef || type == typeof(object) || type == typeof(JsonElement) || typeof(Delegate).IsAssignableFrom(type)
            || type.IsInterface || type.IsAbstract)
        {
            return false;
        }

        if (type.IsGenericType && ImmutableGenerics.Contains(type.GetGenericTypeDefinition()))
        {
            return type.GetGenericArguments().All(a => IsImmutable(a));
        }

        if (type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true && !LeafValues.IsLeaf(type))
        {
            // Framework types keep private state of their own (caches, lazily built fields): not proven from outside.
            return false;
        }

        if (!visiting.Add(type))
        {
            return true; // a cycle through readonly fields adds no mutable state
        }

        for (var current = type; current is not null && current != typeof(object) && current != typeof(ValueType); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!field.IsInitOnly || !(Known.TryGetValue(field.FieldType, out var known) ? known : Prove(field.FieldType, visiting)))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
