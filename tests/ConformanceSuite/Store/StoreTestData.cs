using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Checkpoint.ConformanceSuite;

/// <summary>Builders for the store tests: fake clocks, options and JSON documents.</summary>
public static class StoreTestData
{
    /// <summary>
    /// Where every fake store clock starts: far in the future, so a sweeper running on real time against a shared
    /// database never removes a test's items early; with sub-millisecond ticks, so truncation is visible.
    /// </summary>
    public static readonly DateTimeOffset ClockStart = new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    /// <summary>Creates a fake clock at <see cref="ClockStart"/>.</summary>
    /// <returns>The clock; advance it explicitly, it never moves by itself.</returns>
    public static FakeTimeProvider Clock() => new(ClockStart);

    /// <summary>Truncates a time to whole milliseconds in UTC, the precision every store keeps.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The truncated time.</returns>
    public static DateTimeOffset Millis(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>Creates store options over a clock.</summary>
    /// <param name="clock">The clock.</param>
    /// <param name="index">Semantic search, or none.</param>
    /// <param name="ttl">Time to live settings, or none.</param>
    /// <returns>The options.</returns>
    public static StoreOptions Options(TimeProvider clock, StoreIndexOptions? index = null, StoreTtlOptions? ttl = null) =>
        new() { TimeProvider = clock, Index = index, Ttl = ttl };

    /// <summary>Creates semantic search options over a fake embedding generator.</summary>
    /// <param name="generator">The generator.</param>
    /// <param name="fields">The fields embedded by default; the whole document when none are given.</param>
    /// <returns>The options.</returns>
    public static StoreIndexOptions Index(FakeEmbeddingGenerator generator, params string[] fields)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(fields);
        return fields.Length == 0
            ? new StoreIndexOptions { EmbeddingGenerator = generator, Dimensions = generator.Dimensions }
            : new StoreIndexOptions { EmbeddingGenerator = generator, Dimensions = generator.Dimensions, Fields = [.. fields] };
    }

    /// <summary>Parses a JSON object.</summary>
    /// <param name="json">The JSON text of an object.</param>
    /// <returns>The object.</returns>
    public static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>Returns a namespace made of <paramref name="root"/> followed by <paramref name="labels"/>.</summary>
    /// <param name="root">The test's root namespace.</param>
    /// <param name="labels">The labels to append.</param>
    /// <returns>The namespace.</returns>
    public static StoreNamespace Under(StoreNamespace root, params string[] labels) => new([.. root, .. labels]);
}
