namespace Checkpoint;

/// <summary>
/// The storage behind <see cref="InMemoryStore"/>. Pass one instance to several stores to let them share data.
/// </summary>
public sealed class InMemoryStoreDatabase
{
    internal Lock Gate { get; } = new();

    internal Dictionary<(StoreNamespace Namespace, string Key), StoredItem> Items { get; } = [];

    /// <summary>Gets the namespaces of <see cref="Items"/>; change items through <see cref="SetItem"/> and <see cref="RemoveItem"/> only, so both agree.</summary>
    internal InMemoryNamespaceIndex Namespaces { get; } = new();

    internal void SetItem(StoredItem item)
    {
        Items[(item.Namespace, item.Key)] = item;
        Namespaces.Set(item);
    }

    internal void RemoveItem(StoreNamespace ns, string key)
    {
        if (Items.Remove((ns, key)))
        {
            Namespaces.Remove(ns, key);
        }
    }

    /// <summary>Gets the schema version recorded by <see cref="StorageComponent.Setup"/>; 0 before the first setup.</summary>
    public int SchemaVersion
    {
        get => Schema.Version;
        internal set => Schema.Version = value;
    }

    /// <summary>Gets the recorded schema version and its setup.</summary>
    internal InMemorySchema Schema { get; } = new("in-memory store database");
}
