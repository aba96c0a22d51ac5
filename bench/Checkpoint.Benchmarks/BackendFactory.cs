namespace Checkpoint.Benchmarks;

/// <summary>Creates the backend adapters by name.</summary>
internal static class BackendFactory
{
    public static IBenchBackend Create(string name, BenchOptions options) => name switch
    {
        "memory" => new MemoryBenchBackend(),
        "sqlite" => new SqliteBenchBackend(options.SqlitePath, deleteOnDispose: options.SqlitePath == BenchOptions.DefaultSqlitePath),
        _ => throw new BackendNotAvailableException($"the {name} backend is not part of this build yet."),
    };
}
