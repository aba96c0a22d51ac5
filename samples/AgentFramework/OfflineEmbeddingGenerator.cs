using Microsoft.Extensions.AI;

namespace AgentFrameworkSample;

/// <summary>
/// A deterministic embedding model that needs no network: character trigrams of the lower-cased text, hashed into a
/// fixed number of dimensions. Texts that share words score higher; good enough to find "the user's name is Alice"
/// for "what's my name?".
/// </summary>
public sealed class OfflineEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The number of dimensions.</summary>
    public const int Dimensions = 256;

    /// <inheritdoc />
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(Embed(v)))));

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        var padded = $"  {text.ToLowerInvariant()}  ";
        for (var i = 0; i + 3 <= padded.Length; i++)
        {
            // A stable hash (string.GetHashCode differs per process): stored vectors must match the next run's queries.
            var hash = (uint)((padded[i] * 31 + padded[i + 1]) * 31 + padded[i + 2]);
            vector[hash % Dimensions] += 1;
        }

        return vector;
    }
}
