using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace AgentService;

/// <summary>
/// A deterministic embedding model that needs no network, so the sample and its test run anywhere: each lower-cased
/// word adds one to the dimension its FNV-1a hash selects. Texts that share words are close. Replace it with a real
/// generator (<c>AddEmbeddingGenerator(...)</c>) in a real service.
/// </summary>
public sealed partial class HashedWordsEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The number of dimensions (<c>Checkpoint:Store:Index:Dimensions</c> in appsettings.json).</summary>
    public const int Dimensions = 64;

    /// <inheritdoc />
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(text => new Embedding<float>(Embed(text)))));

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        foreach (Match word in Words().Matches(text.ToLowerInvariant()))
        {
            // FNV-1a rather than string.GetHashCode, which changes per process: stored vectors must match later queries.
            var hash = 2166136261u;
            foreach (var c in word.ValueSpan)
            {
                hash = (hash ^ c) * 16777619u;
            }

            vector[hash % Dimensions] += 1;
        }

        return vector;
    }

    [GeneratedRegex(@"\w+")]
    private static partial Regex Words();
}
