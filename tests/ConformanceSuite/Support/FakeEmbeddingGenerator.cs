using System.Text;
using Microsoft.Extensions.AI;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// A deterministic, offline embedding generator for tests: a bag of lower-cased words hashed into a fixed number of
/// dimensions, so texts sharing more words score higher against each other. Counts its calls.
/// </summary>
/// <param name="dimensions">The number of dimensions.</param>
public sealed class FakeEmbeddingGenerator(int dimensions = 64) : IEmbeddingGenerator<string, Embedding<float>>
{
    private int _calls;

    /// <summary>Gets the number of dimensions.</summary>
    public int Dimensions { get; } = dimensions;

    /// <summary>Gets how many times <see cref="GenerateAsync"/> was called.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Computes the embedding of one text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The vector.</returns>
    public float[] Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var vector = new float[Dimensions];
        var word = new StringBuilder();
        foreach (var c in text.ToLowerInvariant().Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                vector[StableHash(word.ToString()) % (uint)Dimensions] += 1;
                word.Clear();
            }
        }

        return vector;
    }

    /// <inheritdoc />
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        Interlocked.Increment(ref _calls);
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(Embed(v)))));
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    /// <summary>Gets whether <see cref="Dispose"/> was called (a container must not dispose a generator it did not create).</summary>
    public bool IsDisposed { get; private set; }

    /// <inheritdoc />
    public void Dispose() => IsDisposed = true;

    private static uint StableHash(string word)
    {
        // FNV-1a: stable across processes, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in word)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
