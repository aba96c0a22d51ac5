using Checkpoint.Providers;

namespace Checkpoint;

/// <summary>An item row of <see cref="InMemoryStoreDatabase"/>: the document as JSON text plus its times and embeddings.</summary>
internal sealed class StoredItem
{
    public required StoreNamespace Namespace { get; init; }

    public required string Key { get; init; }

    public required string ValueJson { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public TimeSpan? Ttl { get; init; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public IReadOnlyList<FieldEmbedding> Embeddings { get; init; } = [];

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expiry && expiry <= now;
}
