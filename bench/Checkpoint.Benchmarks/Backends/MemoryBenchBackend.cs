namespace Checkpoint.Benchmarks;

/// <summary>
/// The in-memory reference. Its savers share one <see cref="InMemoryCheckpointDatabase"/> (so a new instance reads
/// what another wrote, as with a real database). It has no driver, so no floor, and no storage whose size can be
/// read from outside: the bytes a thread holds are measured on the database backends.
/// </summary>
internal sealed class MemoryBenchBackend(ChunkCacheOptions chunkCache) : IBenchBackend
{
    private readonly InMemoryCheckpointDatabase _database = new();

    public string Name => "memory";

    public Task<BaseCheckpointSaver> CreateSaverAsync() => Task.FromResult<BaseCheckpointSaver>(new InMemorySaver(_database, chunkCache: chunkCache));

    public Task<BaseStore> CreateStoreAsync(StoreIndexOptions index) => Task.FromResult<BaseStore>(new InMemoryStore(new StoreOptions { Index = index }));

    public Task<long?> MeasureThreadBytesAsync(string threadId) => Task.FromResult<long?>(null);

    public Task<long?> MeasureDatabaseBytesAsync() => Task.FromResult<long?>(null);

    public Task<IDriverFloor?> CreateFloorAsync() => Task.FromResult<IDriverFloor?>(null);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
