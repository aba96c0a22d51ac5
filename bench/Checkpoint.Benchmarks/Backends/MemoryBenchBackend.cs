namespace Checkpoint.Benchmarks;

/// <summary>
/// The in-memory reference. It has no driver, so no floor, and no storage whose size can be read from outside: the
/// bytes a thread holds are measured on the database backends.
/// </summary>
internal sealed class MemoryBenchBackend : IBenchBackend
{
    public string Name => "memory";

    public Task<BaseCheckpointSaver> CreateSaverAsync() => Task.FromResult<BaseCheckpointSaver>(new InMemorySaver());

    public Task<long?> MeasureThreadBytesAsync(string threadId) => Task.FromResult<long?>(null);

    public Task<IDriverFloor?> CreateFloorAsync() => Task.FromResult<IDriverFloor?>(null);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
