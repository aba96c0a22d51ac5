using Checkpoint.ConformanceSuite;
using Microsoft.Extensions.DependencyInjection;

namespace Checkpoint.Abstractions.Tests.Conformance;

/// <summary>Runs the kit against <see cref="InMemorySaver"/> and <see cref="InMemoryStore"/>: the reference must pass everything.</summary>
public sealed class InMemoryTestStore : CheckpointTestStore
{
    private readonly InMemoryCheckpointDatabase _checkpoints = new();
    private readonly InMemoryStoreDatabase _items = new();

    /// <summary>Gets the shared instance.</summary>
    public static InMemoryTestStore Instance { get; } = new();

    /// <inheritdoc />
    public override string BackendName => "memory";

    /// <inheritdoc />
    public override StoredDataEditor Editor => new InMemoryStoredDataEditor(_checkpoints, _items);

    /// <inheritdoc />
    /// <remarks>An in-memory saver or store registered in a container keeps its own storage: no settings are needed.</remarks>
    public override ConfigurationRegistration Registration => new()
    {
        SaverSettings = new Dictionary<string, string?>(),
        StoreSettings = new Dictionary<string, string?>(),
        AddSaver = (services, key, section, configure) => services.AddKeyedInMemoryCheckpointSaver(key, section, configure),
        AddStore = (services, key, section, configure) => services.AddKeyedInMemoryStore(key, section, configure),
        RequiresConnectionString = false,
    };

    /// <inheritdoc />
    public override BaseCheckpointSaver CreateSaver(ICheckpointSerializer? serializer = null) => new InMemorySaver(_checkpoints, serializer);

    /// <inheritdoc />
    public override BaseStore CreateStore(StoreOptions options) => new InMemoryStore(_items, options);

    /// <inheritdoc />
    public override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new InMemoryTestDatabase());

    /// <inheritdoc />
    protected override Task StartAsync()
    {
        new InMemorySaver(_checkpoints).Setup();
        new InMemoryStore(_items).Setup();
        return Task.CompletedTask;
    }
}
