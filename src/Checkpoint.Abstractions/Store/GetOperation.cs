namespace Checkpoint;

/// <summary>Reads one item. Its batch result is the <see cref="Item"/> or <see langword="null"/>.</summary>
/// <param name="Namespace">The namespace.</param>
/// <param name="Key">The key.</param>
/// <param name="RefreshTtl">Whether to restart the item's time to live; the store's <see cref="StoreTtlOptions.RefreshOnRead"/> when <see langword="null"/>.</param>
public sealed record GetOperation(StoreNamespace Namespace, string Key, bool? RefreshTtl = null) : StoreOperation;
