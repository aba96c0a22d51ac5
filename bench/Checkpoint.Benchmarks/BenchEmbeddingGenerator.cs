using Microsoft.Extensions.AI;

namespace Checkpoint.Benchmarks;

/// <summary>
/// A deterministic, offline embedder for the store workload: each word of the text adds one to a dimension chosen by
/// a stable hash of the word. Cheap, so the store's own work dominates what is measured.
/// </summary>
internal sealed class BenchEmbeddingGenerator(int dimensions) : IEmbeddingGenerator<string, Embedding<float>>
{
    public int Dimensions { get; } = dimensions;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(Embed(v)))));

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // FNV-1a: stable across processes, unlike string.GetHashCode.
            var hash = 2166136261u;
            foreach (var c in word)
            {
                hash = (hash ^ char.ToLowerInvariant(c)) * 16777619u;
            }

            vector[hash % (uint)Dimensions] += 1;
        }

        return vector;
    }
}
