using Microsoft.Extensions.AI;

namespace Checkpoint.Cli.Tests.Support;

/// <summary>An application type the tool has never heard of: it must move such values without reading them.</summary>
/// <param name="Text">The text.</param>
/// <param name="Done">Whether it is done.</param>
public sealed record Todo(string Text, bool Done);

/// <summary>The application's serializers: one with its registered type, one that also encrypts.</summary>
public static class TestSerializers
{
    public static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    public static JsonCheckpointSerializer Plain { get; } = new(new JsonCheckpointSerializerOptions().Register<Todo>("todo"));

    public static EncryptedSerializer Encrypted { get; } = new(Plain, Key);
}

/// <summary>
/// An offline embedding generator: each word counts in the dimension its stable hash picks (FNV-1a, not
/// <see cref="string.GetHashCode()"/>, which differs between processes), so every run embeds alike.
/// </summary>
public sealed class WordEmbeddings : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimensions = 64;

    public static float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        foreach (var word in text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            vector[StableHash(word) % Dimensions] += 1;
        }

        return vector;
    }

    private static uint StableHash(string word)
    {
        var hash = 2166136261u;
        foreach (var c in word)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(Embed(v)))));

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
