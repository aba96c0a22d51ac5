using System.Collections;
using Microsoft.Extensions.AI;

namespace Checkpoint.Serialization.LangGraph;

/// <summary>Helpers the LangGraph readers and writers share.</summary>
internal static class ForeignValues
{
    /// <summary>Appends a property to a value path for error messages: <c>$.name</c>, or <c>$['odd key']</c>.</summary>
    public static string Property(string path, string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(key[0]) ? $"{path}.{key}" : $"{path}['{key}']";

    /// <summary>Returns whether a sequence is a set (<see cref="ISet{T}"/> of any item type).</summary>
    public static bool IsSet(IEnumerable sequence) =>
        sequence.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISet<>));

    /// <summary>Returns a read list as a list of chat messages when every item is one (a conversation), else unchanged.</summary>
    public static object FinishList(List<object?> items) =>
        items.Count > 0 && items.TrueForAll(i => i is ChatMessage) ? items.ConvertAll(i => (ChatMessage)i!) : items;
}
