namespace Checkpoint.Benchmarks;

/// <summary>
/// One backend under measurement: savers and stores on a database of the run's own (a file, schema or key prefix that
/// no earlier run used, removed afterwards), the bytes it holds, and its driver floor.
/// </summary>
internal interface IBenchBackend : IAsyncDisposable
{
    /// <summary>Gets the backend's name as given to <c>--backend</c>.</summary>
    string Name { get; }

    /// <summary>Creates a set-up saver on the run's database; every call returns a new instance over the same data.</summary>
    Task<BaseCheckpointSaver> CreateSaverAsync();

    /// <summary>Creates a set-up store on the run's database with semantic search configured as given.</summary>
    Task<BaseStore> CreateStoreAsync(StoreIndexOptions index);

    /// <summary>Returns the bytes the backend holds for the thread (rows, values, index entries it can attribute), or null.</summary>
    Task<long?> MeasureThreadBytesAsync(string threadId);

    /// <summary>
    /// Returns the bytes an operator sees the run's database take: PostgreSQL's total relation size of its tables
    /// (indexes and TOAST included), SQLite's file size after a WAL checkpoint, Redis's <c>used_memory</c> (server-wide,
    /// so compare two readings); null where there is no such figure.
    /// </summary>
    Task<long?> MeasureDatabaseBytesAsync();

    /// <summary>Creates the driver floor: the same driver on one open connection, with prepared commands, writing and reading one row (or key) by key.</summary>
    Task<IDriverFloor?> CreateFloorAsync();
}
