namespace Checkpoint.ConformanceSuite;

/// <summary>
/// A fresh, empty database (or schema, file, key prefix, ...) that no other test uses: for the tests that must see
/// exactly what they wrote across all threads (list over every thread, setup and migrations).
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    /// <summary>Creates a saver over this database. <c>Setup()</c> has <em>not</em> been called.</summary>
    /// <returns>A new saver; the test disposes it.</returns>
    public abstract BaseCheckpointSaver CreateSaver();

    /// <summary>Gets raw access to this database, for the kit's damaged-data tests; <see langword="null"/> skips them.</summary>
    public virtual StoredDataEditor? Editor => null;

    /// <summary>Creates a store over this database. <c>Setup()</c> has <em>not</em> been called.</summary>
    /// <param name="options">The store options to honour.</param>
    /// <returns>A new store; the test disposes it.</returns>
    public abstract BaseStore CreateStore(StoreOptions options);

    /// <summary>Reads the schema version recorded in this database; 0 when never set up.</summary>
    /// <param name="component">Which schema.</param>
    /// <returns>The version.</returns>
    public abstract Task<int> GetSchemaVersionAsync(SchemaComponent component);

    /// <summary>Records a schema version, as a newer release of the library would (used to test that newer schemas are refused).</summary>
    /// <param name="component">Which schema.</param>
    /// <param name="version">The version to record.</param>
    /// <returns>A task that completes when the version is recorded.</returns>
    public abstract Task SetSchemaVersionAsync(SchemaComponent component, int version);

    /// <summary>The newest schema version the backend's code knows.</summary>
    /// <param name="component">Which schema.</param>
    /// <returns>The version.</returns>
    public abstract int CurrentSchemaVersion(SchemaComponent component);

    /// <summary>Removes the database.</summary>
    /// <returns>A task that completes when it is removed.</returns>
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
