namespace Checkpoint.Benchmarks;

/// <summary>
/// The in-memory reference. It has no driver, so no floor; its thread size is the serialized bytes of the values it
/// stored (it keeps one copy per channel version, like the database backends).
/// </summary>
internal sealed class MemoryBenchBackend : IBenchBackend
{
    private readonly CountingSerializer _serializer = new(JsonCheckpointSerializer.Default);
    private string? _thread;
    private long _baseline;

    public string Name => "memory";

    public Task<BaseCheckpointSaver> CreateSaverAsync() => Task.FromResult<BaseCheckpointSaver>(new InMemorySaver(_serializer));

    // Only one thread is written at a time, so the counter's growth since the thread was first measured is its size.
    public Task<long?> MeasureThreadBytesAsync(string threadId)
    {
        if (_thread != threadId)
        {
            _thread = threadId;
            _baseline = _serializer.Bytes;
        }

        return Task.FromResult<long?>(_serializer.Bytes - _baseline);
    }

    public Task<IDriverFloor?> CreateFloorAsync() => Task.FromResult<IDriverFloor?>(null);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
