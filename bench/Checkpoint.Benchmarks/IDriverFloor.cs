namespace Checkpoint.Benchmarks;

/// <summary>The cheapest possible round trips through a backend's driver: the floor each operation is compared with.</summary>
internal interface IDriverFloor : IAsyncDisposable
{
    /// <summary>Inserts one row (or sets one key) holding <paramref name="payload"/> under <paramref name="key"/>.</summary>
    Task InsertAsync(string key, byte[] payload);

    /// <summary>Selects one row (or gets one key) by <paramref name="key"/> and returns its payload.</summary>
    Task<byte[]> SelectAsync(string key);
}
