using System.Collections.Immutable;
using Checkpoint.Providers;

namespace Checkpoint;

/// <summary>
/// The namespaces of <see cref="InMemoryStoreDatabase"/> in code point order of their paths, each with its items, so
/// listing namespaces seeks through namespaces instead of scanning every item. A namespace leaves the index with its
/// last item (deleted or swept); one whose items have all expired but are not yet swept is skipped by
/// <see cref="Seek"/>.
/// </summary>
internal sealed class InMemoryNamespaceIndex
{
    // A balanced tree with positions: a seek is a binary search, O(log n). (SortedSet's range views count their
    // elements when created, which would make every seek cost the namespaces after it.)
    private ImmutableSortedSet<string> _paths = ImmutableSortedSet.Create<string>(CodePointComparer.Instance);
    private readonly Dictionary<string, Dictionary<string, StoredItem>> _items = new(StringComparer.Ordinal);

    public void Set(StoredItem item)
    {
        var path = item.Namespace.Path;
        if (!_items.TryGetValue(path, out var items))
        {
            items = new Dictionary<string, StoredItem>(StringComparer.Ordinal);
            _items[path] = items;
            _paths = _paths.Add(path);
        }

        items[item.Key] = item;
    }

    public void Remove(StoreNamespace ns, string key)
    {
        var path = ns.Path;
        if (_items.TryGetValue(path, out var items) && items.Remove(key) && items.Count == 0)
        {
            _items.Remove(path);
            _paths = _paths.Remove(path);
        }
    }

    /// <summary>Returns the first path from <paramref name="from"/> (and before <paramref name="before"/>) of a namespace with a live item.</summary>
    public string? Seek(string from, string? before, DateTimeOffset now)
    {
        var index = _paths.IndexOf(from);
        for (index = index < 0 ? ~index : index; index < _paths.Count; index++)
        {
            var path = _paths[index];
            if (before is not null && CodePointComparer.Instance.Compare(path, before) >= 0)
            {
                return null;
            }

            if (_items[path].Values.Any(i => !i.IsExpired(now)))
            {
                return path;
            }
        }

        return null;
    }
}
