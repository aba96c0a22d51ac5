namespace Checkpoint.Benchmarks;

/// <summary>Creates the backend adapters by name.</summary>
internal static class BackendFactory
{
    public static IBenchBackend Create(string name, BenchOptions options) => name switch
    {
        "memory" => new MemoryBenchBackend(options.ChunkCache),
        "sqlite" => new SqliteBenchBackend(options.SqlitePath, deleteOnDispose: options.SqlitePath == BenchOptions.DefaultSqlitePath, options.SqliteDurability, options.ChunkCache),
        "postgres" => new PostgresBenchBackend(options.Postgres ?? throw new BackendNotAvailableException("no connection string: pass --postgres or set CHECKPOINT_TEST_POSTGRES."), options.ChunkCache),
        "redis" => new RedisBenchBackend(options.Redis ?? throw new BackendNotAvailableException("no configuration: pass --redis or set CHECKPOINT_TEST_REDIS."), options.ChunkCache),
        "mongo" => new MongoBenchBackend(options.Mongo ?? throw new BackendNotAvailableException("no server: pass --mongo or set CHECKPOINT_TEST_MONGO (none can be had on this machine)."), options.ChunkCache),
        _ => throw new BackendNotAvailableException($"the {name} backend is not part of this build yet."),
    };
}
