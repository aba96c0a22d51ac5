namespace Checkpoint.Benchmarks;

/// <summary>One backend under measurement: a saver on a fresh, set-up database, its storage size and its driver floor.</summary>
internal interface IBenchBackend : IAsyncDisposable
{
    /// <summary>Gets the backend's name as given to <c>--backend</c>.</summary>
    string Name { get; }

    /// <summary>Creates a saver on a fresh, set-up database (schema, file, key prefix) that no earlier run used.</summary>
    Task<BaseCheckpointSaver> CreateSaverAsync();

    /// <summary>Returns the bytes the backend holds for the thread (rows, values, index entries it can attribute), or null.</summary>
    Task<long?> MeasureThreadBytesAsync(string threadId);

    /// <summary>Creates the driver floor: the same driver and pool writing and reading one row (or key) by key.</summary>
    Task<IDriverFloor?> CreateFloorAsync();
}
