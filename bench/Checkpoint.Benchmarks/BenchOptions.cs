using Checkpoint.Sqlite;

namespace Checkpoint.Benchmarks;

/// <summary>What to measure and where: the parsed command line (see <see cref="BenchCommand"/>).</summary>
internal sealed class BenchOptions
{
    public static readonly string[] AllBackends = ["memory", "sqlite", "postgres", "redis", "mongo"];

    public static readonly string DefaultSqlitePath = Path.Combine(Path.GetTempPath(), $"checkpoint-bench-{Environment.ProcessId}.db");

    public required IReadOnlyList<string> Backends { get; init; }

    public BenchMode Mode { get; init; } = BenchMode.Standard;

    public string? JsonPath { get; init; }

    public int ScaleCheckpoints { get; init; } = 1_000_000;

    public int ScaleThreads { get; init; } = 10_000;

    public IReadOnlyList<int> Histories { get; init; } = ScalingWorkload.DefaultHistories;

    public IReadOnlyList<int> StoreSizes { get; init; } = StoreWorkload.DefaultSizes;

    public string SqlitePath { get; init; } = DefaultSqlitePath;

    public SqliteDurability SqliteDurability { get; init; } = SqliteDurability.Full;

    public string? Postgres { get; init; }

    public string? Redis { get; init; }

    public string? Mongo { get; init; }

    /// <summary>Gets the chunk cache every saver is created with (<c>--trust-unchanged-items</c> turns identity trust on).</summary>
    public ChunkCacheOptions ChunkCache { get; init; } = new();
}
