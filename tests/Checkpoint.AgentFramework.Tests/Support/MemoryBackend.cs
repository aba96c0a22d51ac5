namespace Checkpoint.AgentFramework.Tests.Support;

/// <summary>InMemorySaver and InMemoryStore; reopening keeps the same in-process databases.</summary>
public sealed class MemoryBackend : AgentBackend
{
    private readonly InMemoryCheckpointDatabase _checkpoints = new();
    private readonly InMemoryStoreDatabase _items = new();

    public override string Name => "memory";

    protected override (BaseCheckpointSaver Saver, BaseStore Store) Open() =>
        (new InMemorySaver(_checkpoints), new InMemoryStore(_items, Configure(new StoreOptions())));
}
