namespace Checkpoint;

/// <summary>
/// Lists the namespaces that hold items. Its batch result is an <see cref="IReadOnlyList{T}"/> of
/// <see cref="StoreNamespace"/>, ordered by path.
/// </summary>
public sealed record ListNamespacesOperation : StoreOperation
{
    /// <summary>Gets conditions every listed namespace must meet (prefix and/or suffix, with <c>*</c> matching any one label).</summary>
    public IReadOnlyList<NamespaceMatch>? MatchConditions { get; init; }

    /// <summary>Gets a depth to truncate namespaces to before removing duplicates; <see langword="null"/> for no truncation.</summary>
    public int? MaxDepth { get; init; }

    /// <summary>Gets the maximum number of namespaces to return (default 100).</summary>
    public int Limit { get; init; } = 100;

    /// <summary>Gets how many namespaces to skip (default 0).</summary>
    public int Offset { get; init; }
}
