using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Checkpoint;

/// <summary>
/// A hierarchical namespace of store items, such as <c>("memories", userId)</c>. Write it as a collection
/// expression: <c>StoreNamespace ns = ["memories", userId];</c>.
/// </summary>
/// <remarks>
/// Namespaces order and compare by their <see cref="Path"/>: the labels joined by <c>.</c> (labels cannot contain
/// <c>.</c>, so the path is unambiguous), compared by code point (<see cref="Providers.CodePointComparer"/>). Writes validate the namespace (see
/// <see cref="Validate"/>); reads do not.
/// </remarks>
[CollectionBuilder(typeof(StoreNamespace), nameof(Create))]
public readonly struct StoreNamespace : IReadOnlyList<string>, IEquatable<StoreNamespace>, IComparable<StoreNamespace>
{
    /// <summary>The label separator in <see cref="Path"/>.</summary>
    public const char Separator = '.';

    /// <summary>The first label reserved for internal use (LangGraph's reserved root).</summary>
    public const string ReservedRoot = "langgraph";

    private readonly ImmutableArray<string> _labels;

    /// <summary>Initializes a namespace from labels.</summary>
    /// <param name="labels">The labels, outermost first.</param>
    public StoreNamespace(IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        _labels = [.. labels];
        foreach (var label in _labels)
        {
            ArgumentNullException.ThrowIfNull(label, nameof(labels));
        }
    }

    /// <summary>Gets the empty namespace (as a search prefix it matches everything).</summary>
    public static StoreNamespace Empty => default;

    /// <summary>Gets the number of labels.</summary>
    public int Count => Labels.Length;

    /// <summary>Gets whether the namespace has no labels.</summary>
    public bool IsEmpty => Labels.IsEmpty;

    /// <summary>Gets the labels joined by <c>.</c>, for example <c>memories.1</c>.</summary>
    public string Path => string.Join(Separator, Labels);

    private ImmutableArray<string> Labels => _labels.IsDefault ? [] : _labels;

    /// <summary>Gets a label.</summary>
    /// <param name="index">The label's position, outermost first.</param>
    /// <returns>The label.</returns>
    public string this[int index] => Labels[index];

    /// <summary>Converts an array of labels.</summary>
    /// <param name="labels">The labels.</param>
    public static implicit operator StoreNamespace(string[] labels) => new(labels);

    /// <summary>Compares two namespaces for equality.</summary>
    /// <param name="left">The first namespace.</param>
    /// <param name="right">The second namespace.</param>
    /// <returns><see langword="true"/> when both have the same labels.</returns>
    public static bool operator ==(StoreNamespace left, StoreNamespace right) => left.Equals(right);

    /// <summary>Compares two namespaces for inequality.</summary>
    /// <param name="left">The first namespace.</param>
    /// <param name="right">The second namespace.</param>
    /// <returns><see langword="true"/> when the labels differ.</returns>
    public static bool operator !=(StoreNamespace left, StoreNamespace right) => !left.Equals(right);

    /// <summary>Orders two namespaces.</summary>
    /// <param name="left">The first namespace.</param>
    /// <param name="right">The second namespace.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> orders first.</returns>
    public static bool operator <(StoreNamespace left, StoreNamespace right) => left.CompareTo(right) < 0;

    /// <summary>Orders two namespaces.</summary>
    /// <param name="left">The first namespace.</param>
    /// <param name="right">The second namespace.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> orders last.</returns>
    public static bool operator >(StoreNamespace left, StoreNamespace right) => left.CompareTo(right) > 0;

    /// <summary>Orders two namespaces.</summary>
    /// <param name="left">The first namespace.</param>
    /// <param name="right">The second namespace.</param>
    /// <returns><see langword="true"/> unless <paramref name="left"/> orders last.</returns>
    public static bool operator <=(StoreNamespace left, StoreNamespace right) => left.CompareTo(right) <= 0;

    /// <summary>Orders two namespaces.</summary>
    /// <param name="left">The first namespace.</param>
    /// <param name="right">The second namespace.</param>
    /// <returns><see langword="true"/> unless <paramref name="left"/> orders first.</returns>
    public static bool operator >=(StoreNamespace left, StoreNamespace right) => left.CompareTo(right) >= 0;

    /// <summary>Creates a namespace from labels (used by collection expressions).</summary>
    /// <param name="labels">The labels.</param>
    /// <returns>The namespace.</returns>
    public static StoreNamespace Create(ReadOnlySpan<string> labels) => new(labels.ToArray());

    /// <summary>Reads a namespace from its <see cref="Path"/>.</summary>
    /// <param name="path">The labels joined by <c>.</c>; empty for the empty namespace.</param>
    /// <returns>The namespace.</returns>
    public static StoreNamespace FromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Length == 0 ? Empty : new StoreNamespace(path.Split(Separator));
    }

    /// <summary>
    /// Throws unless the namespace can be written to: at least one label, every label non-empty, valid Unicode and
    /// free of <c>.</c> and NUL, and a first label other than <see cref="ReservedRoot"/>.
    /// </summary>
    /// <exception cref="InvalidNamespaceException">The namespace is not valid for writing.</exception>
    public void Validate()
    {
        if (IsEmpty)
        {
            throw new InvalidNamespaceException("A namespace needs at least one label.", this);
        }

        for (var i = 0; i < Labels.Length; i++)
        {
            var label = Labels[i];
            if (label.Length == 0)
            {
                throw new InvalidNamespaceException($"Label {i} of namespace {this} is empty; labels must be non-empty strings.", this);
            }

            if (label.Contains(Separator, StringComparison.Ordinal))
            {
                throw new InvalidNamespaceException($"Label '{label}' of namespace {this} contains '.', which separates labels in stored paths.", this);
            }

            if (Identifier.FindProblem(label) is { } problem)
            {
                throw new InvalidNamespaceException($"Label {i} of namespace {this} {problem}.", this);
            }
        }

        if (Labels[0] == ReservedRoot)
        {
            throw new InvalidNamespaceException($"Namespaces starting with '{ReservedRoot}' are reserved.", this);
        }
    }

    /// <summary>Returns whether this namespace starts with every label of <paramref name="prefix"/>.</summary>
    /// <param name="prefix">The prefix; the empty namespace is a prefix of every namespace.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool StartsWith(StoreNamespace prefix)
    {
        if (prefix.Count > Count)
        {
            return false;
        }

        for (var i = 0; i < prefix.Count; i++)
        {
            if (!string.Equals(Labels[i], prefix[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns the first <paramref name="depth"/> labels (all of them when there are fewer).</summary>
    /// <param name="depth">The maximum number of labels.</param>
    /// <returns>The truncated namespace.</returns>
    public StoreNamespace Truncate(int depth) => depth >= Count ? this : new StoreNamespace(Labels.Take(depth));

    /// <inheritdoc />
    public bool Equals(StoreNamespace other) => Labels.AsSpan().SequenceEqual(other.Labels.AsSpan());

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is StoreNamespace other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var label in Labels)
        {
            hash.Add(label, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public int CompareTo(StoreNamespace other) => Providers.CodePointComparer.Instance.Compare(Path, other.Path);

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)Labels).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => "(" + string.Join(", ", Labels.Select(l => $"\"{l}\"")) + ")";
}
