namespace Checkpoint.ConformanceSuite;

/// <summary>The store options a seed runs with (both stores get the same).</summary>
/// <param name="DefaultTtl">The default TTL, or <see langword="null"/>.</param>
/// <param name="RefreshOnRead">Whether reads refresh TTLs by default.</param>
public sealed record StoreModelProfile(TimeSpan? DefaultTtl, bool RefreshOnRead)
{
    /// <summary>The embedding dimensions: small, so that different texts often tie.</summary>
    public const int Dimensions = 32;

    /// <summary>Returns the profile of a seed.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>The profile.</returns>
    public static StoreModelProfile ForSeed(int seed) =>
        new(Math.Abs(seed % 3) == 0 ? TimeSpan.FromMinutes(20) : null, Math.Abs(seed % 2) == 0);

    /// <summary>Creates options over a clock, with a new fake embedding generator indexing <c>text</c> by default.</summary>
    /// <param name="clock">The clock.</param>
    /// <returns>The options.</returns>
    public StoreOptions CreateOptions(TimeProvider clock) => new()
    {
        TimeProvider = clock,
        Index = new StoreIndexOptions { EmbeddingGenerator = new FakeEmbeddingGenerator(Dimensions), Dimensions = Dimensions, Fields = ["text"] },
        Ttl = new StoreTtlOptions { DefaultTtl = DefaultTtl, RefreshOnRead = RefreshOnRead },
    };

    /// <inheritdoc />
    public override string ToString() => $"default TTL {DefaultTtl?.ToString() ?? "none"}, refresh on read {RefreshOnRead}, index on \"text\" ({Dimensions} dimensions)";
}
