namespace Checkpoint;

/// <summary>
/// The storage behind <see cref="InMemorySaver"/>. Pass one instance to several savers to let them share data,
/// as several processes share a real database.
/// </summary>
public sealed class InMemoryCheckpointDatabase
{
    internal Lock Gate { get; } = new();

    internal Dictionary<string, InMemoryThread> Threads { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the schema version recorded by <see cref="StorageComponent.Setup"/>; 0 before the first setup.</summary>
    public int SchemaVersion
    {
        get => Schema.Version;
        internal set => Schema.Version = value;
    }

    /// <summary>Gets the recorded schema version and its setup.</summary>
    internal InMemorySchema Schema { get; } = new("in-memory checkpoint database");
}
