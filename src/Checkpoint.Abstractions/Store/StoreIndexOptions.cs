using Checkpoint.Providers;
using Microsoft.Extensions.AI;

namespace Checkpoint;

/// <summary>Semantic search settings of a store: the embedding model and what to embed.</summary>
public sealed class StoreIndexOptions
{
    /// <summary>
    /// Gets or sets the embedding generator called on put (for the indexed fields) and on search (for the query). A
    /// store registered through dependency injection uses the container's
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> when this is <see langword="null"/>; a store created without
    /// one throws <see cref="ArgumentException"/>.
    /// </summary>
    public IEmbeddingGenerator<string, Embedding<float>>? EmbeddingGenerator { get; set; }

    /// <summary>Gets or sets the number of dimensions the generator returns (at least 1); a different length is an error.</summary>
    public int Dimensions { get; set; }

    /// <summary>
    /// Gets or sets the field paths embedded by default (see <see cref="IndexedText"/>); <c>$</c>, the whole document,
    /// when empty (the default).
    /// </summary>
    public IList<string> Fields { get; set; } = [];
}
