using Checkpoint.ConformanceSuite;

namespace Checkpoint.Abstractions.Tests.Conformance;

/// <summary>A fresh pair of in-memory databases.</summary>
public sealed class InMemoryTestDatabase : TestDatabase
{
    private readonly InMemoryCheckpointDatabase _checkpoints = new();
    private readonly InMemoryStoreDatabase _items = new();

    /// <inheritdoc />
    public override StoredDataEditor Editor => new InMemoryStoredDataEditor(_checkpoints, _items);

    /// <inheritdoc />
    public override BaseCheckpointSaver CreateSaver() => new InMemorySaver(_checkpoints);

    /// <inheritdoc />
    public override BaseStore CreateStore(StoreOptions options) => new InMemoryStore(_items, options);

    /// <inheritdoc />
    public override int CurrentSchemaVersion(SchemaComponent component) =>
        component == SchemaComponent.Checkpointer ? InMemorySaver.CurrentSchemaVersion : InMemoryStore.CurrentSchemaVersion;

    /// <inheritdoc />
    public override Task<int> GetSchemaVersionAsync(SchemaComponent component) =>
        Task.FromResult(component == SchemaComponent.Checkpointer ? _checkpoints.SchemaVersion : _items.SchemaVersion);

    /// <inheritdoc />
    public override Task SetSchemaVersionAsync(SchemaComponent component, int version)
    {
        if (component == SchemaComponent.Checkpointer)
        {
            _checkpoints.SchemaVersion = version;
        }
        else
        {
            _items.SchemaVersion = version;
        }

        return Task.CompletedTask;
    }
}
