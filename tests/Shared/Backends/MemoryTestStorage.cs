namespace Checkpoint.Tests.Support;

/// <summary>InMemorySaver and InMemoryStore; reopening keeps the same in-process databases.</summary>
public sealed class MemoryTestStorage : TestStorage
{
    private readonly InMemoryCheckpointDatabase _checkpoints = new();
    private readonly InMemoryStoreDatabase _items = new();

    public override string Name => "memory";

    public override (BaseCheckpointSaver Saver, BaseStore Store) Open(Action<StoreOptions> configureStore) =>
        (new InMemorySaver(_checkpoints), new InMemoryStore(_items, Configure(new StoreOptions(), configureStore)));
}
