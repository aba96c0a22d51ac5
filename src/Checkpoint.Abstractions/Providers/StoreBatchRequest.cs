namespace Checkpoint.Providers;

/// <summary>
/// A validated store batch with its embeddings already computed, as a backend receives it in
/// <c>BaseStore.BatchCore</c>: the indexed fields of every put and the query of every search were embedded with one
/// call to the embedding generator, before any database work.
/// </summary>
public sealed class StoreBatchRequest
{
    private readonly IReadOnlyDictionary<PutOperation, IReadOnlyList<FieldEmbedding>> _embeddings;
    private readonly IReadOnlyDictionary<SearchOperation, float[]> _queries;

    /// <summary>Initializes a request.</summary>
    /// <param name="operations">The operations, in order (never empty).</param>
    /// <param name="embeddings">Per put (by reference), the embeddings of its indexed fields; puts not present have none.</param>
    /// <param name="queries">Per search (by reference), the embedding of its query; searches not present have no query.</param>
    public StoreBatchRequest(
        IReadOnlyList<StoreOperation> operations,
        IReadOnlyDictionary<PutOperation, IReadOnlyList<FieldEmbedding>> embeddings,
        IReadOnlyDictionary<SearchOperation, float[]> queries)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(queries);
        Operations = operations;
        _embeddings = embeddings;
        _queries = queries;
    }

    /// <summary>Gets the operations, in the order they apply.</summary>
    public IReadOnlyList<StoreOperation> Operations { get; }

    /// <summary>Returns the embeddings of a put's indexed fields.</summary>
    /// <param name="put">A put of <see cref="Operations"/>.</param>
    /// <returns>The embeddings; empty for a delete, a put without indexing, or a store without an index.</returns>
    public IReadOnlyList<FieldEmbedding> EmbeddingsOf(PutOperation put) => _embeddings.GetValueOrDefault(put) ?? [];

    /// <summary>Returns the embedding of a search's query.</summary>
    /// <param name="search">A search of <see cref="Operations"/>.</param>
    /// <returns>The embedding, or <see langword="null"/> when the search has no query (it is then ordered by recency).</returns>
    public float[]? QueryEmbeddingOf(SearchOperation search) => _queries.GetValueOrDefault(search);
}
