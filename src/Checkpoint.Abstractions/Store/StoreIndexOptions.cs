using Checkpoint.Providers;
using Microsoft.Extensions.AI;

namespace Checkpoint;

/// <summary>Semantic search settings of a store: the embedding model and what to embed.</summary>
public sealed class StoreIndexOptions
{
    /// <summary>Gets or sets the embedding generator called on put (for the indexed fields) and on search (for the query).</summary>
    public required IEmbeddingGenerator<string, Embedding<float>> EmbeddingGenerator { get; set; }

    /// <summary>Gets or sets the number of dimensions the generator returns; a different length is an error.</summary>
    public required int Dimensions { get; set; }

    /// <summary>Gets the field paths embedded by default (see <see cref="IndexedText"/>); <c>$</c>, the whole document, when empty.</summary>
    public IList<string> Fields { get; init; } = [IndexedText.WholeDocument];
}
