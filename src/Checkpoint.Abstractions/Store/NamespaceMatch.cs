namespace Checkpoint;

/// <summary>A condition of <see cref="ListNamespacesOperation"/>: a prefix or suffix of labels, where <c>*</c> matches any one label.</summary>
/// <param name="Type">Prefix or suffix.</param>
/// <param name="Path">The labels to match.</param>
public sealed record NamespaceMatch(NamespaceMatchType Type, IReadOnlyList<string> Path)
{
    /// <summary>The label that matches any one label.</summary>
    public const string Wildcard = "*";

    /// <summary>Creates a prefix condition.</summary>
    /// <param name="labels">The labels.</param>
    /// <returns>The condition.</returns>
    public static NamespaceMatch Prefix(params string[] labels) => new(NamespaceMatchType.Prefix, labels);

    /// <summary>Creates a suffix condition.</summary>
    /// <param name="labels">The labels.</param>
    /// <returns>The condition.</returns>
    public static NamespaceMatch Suffix(params string[] labels) => new(NamespaceMatchType.Suffix, labels);

    /// <summary>Returns whether a namespace meets this condition.</summary>
    /// <param name="namespace">The namespace.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool Matches(StoreNamespace @namespace)
    {
        if (Path.Count > @namespace.Count)
        {
            return false;
        }

        var offset = Type == NamespaceMatchType.Prefix ? 0 : @namespace.Count - Path.Count;
        for (var i = 0; i < Path.Count; i++)
        {
            if (Path[i] != Wildcard && !string.Equals(Path[i], @namespace[offset + i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
