using System.Text.Json.Nodes;

namespace Checkpoint.Providers;

/// <summary>
/// A store item with everything its store keeps about it: document, timestamps, time to live and expiry, and the
/// embeddings of its indexed fields. Read and written with <see cref="RawItemExtensions"/> by tools that move a store to
/// another backend: an item written raw is the same item (same times, same expiry, same search vectors), with no
/// embedding generator involved.
/// </summary>
/// <param name="Namespace">The namespace.</param>
/// <param name="Key">The key.</param>
/// <param name="Value">The document.</param>
/// <param name="CreatedAt">When the key was first written (millisecond precision, UTC).</param>
/// <param name="UpdatedAt">When the key was last written.</param>
/// <param name="ExpiresAt">When the item expires, or <see langword="null"/> when it never does.</param>
/// <param name="Ttl">The item's time to live (reads that refresh set <c>expires_at = now + ttl</c>), or <see langword="null"/> when it has none.</param>
/// <param name="Embeddings">The embeddings of its indexed fields; empty when it is not indexed.</param>
public sealed record RawItem(
    StoreNamespace Namespace,
    string Key,
    JsonObject Value,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ExpiresAt,
    TimeSpan? Ttl,
    IReadOnlyList<FieldEmbedding> Embeddings);
