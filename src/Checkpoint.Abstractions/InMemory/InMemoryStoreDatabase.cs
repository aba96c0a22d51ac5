namespace Checkpoint;

/// <summary>
/// The storage behind <see cref="InMemoryStore"/>. Pass one instance to several stores to let them share data.
/// </summary>
public sealed class InMemoryStoreDatabase
{
    internal Lock Gate { get; } = new();

    /// <summary>Gets the items, kept per namespace.</summary>
    internal InMemoryItems Items { get; } = new();

    /// <summary>Gets the schema version recorded by <see cref="StorageComponent.Setup"/>; 0 before the first setup.</summary>
    public int SchemaVersion
    {
        get => Schema.Version;
        internal set => Schema.Version = value;
    }

    /// <summary>Gets the recorded schema version and its setup.</summary>
    internal InMemorySchema Schema { get; } = new("in-memory store database");
}
