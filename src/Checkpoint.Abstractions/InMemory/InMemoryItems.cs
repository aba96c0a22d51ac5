using System.Collections.Immutable;
using Checkpoint.Providers;

namespace Checkpoint;

/// <summary>
/// The items of <see cref="InMemoryStoreDatabase"/>, kept once, per namespace, with the namespace paths in code point
/// order: a get is two lookups, a search visits only the namespaces under its prefix (a range of the paths), and
/// listing namespaces or raw items seeks through the paths instead of scanning every item. A namespace leaves with its
/// last item (deleted or swept); one whose items have all expired but are not yet swept is skipped by
/// <see cref="SeekNamespace"/>.
/// </summary>
internal sealed class InMemoryItems
{
    // A balanced tree with positions: a seek is a binary search, O(log n). (SortedSet's range views count their
    // elements when created, which would make every seek cost the namespaces after it.)
    private ImmutableSortedSet<string> _paths = ImmutableSortedSet.Create<string>(CodePointComparer.Instance);

    // The same per-namespace dictionaries, found by namespace (gets, puts) and by path (walks over _paths). Written
    // namespaces have no '.' in a label, so a path names one namespace.
    private readonly Dictionary<StoreNamespace, Dictionary<string, StoredItem>> _byNamespace = [];
    private readonly Dictionary<string, Dictionary<string, StoredItem>> _byPath = new(StringComparer.Ordinal);

    /// <summary>Gets how many items are held, expired ones not yet swept included.</summary>
    public int Count { get; private set; }

    /// <summary>Gets every item, in no particular order.</summary>
    public IEnumerable<StoredItem> All => _byNamespace.Values.SelectMany(items => items.Values);

    /// <summary>Returns the item with this namespace and key, expired or not, or <see langword="null"/>.</summary>
    public StoredItem? Find(StoreNamespace ns, string key) =>
        _byNamespace.TryGetValue(ns, out var items) && items.TryGetValue(key, out var item) ? item : null;

    /// <summary>Adds or replaces an item.</summary>
    public void Set(StoredItem item)
    {
        if (!_byNamespace.TryGetValue(item.Namespace, out var items))
        {
            var path = item.Namespace.Path;
            items = new Dictionary<string, StoredItem>(StringComparer.Ordinal);
            _byNamespace[item.Namespace] = items;
            _byPath[path] = items;
            _paths = _paths.Add(path);
        }

        if (items.TryAdd(item.Key, item))
        {
            Count++;
        }
        else
        {
            items[item.Key] = item;
        }
    }

    /// <summary>Removes an item; returns whether there was one.</summary>
    public bool Remove(StoreNamespace ns, string key)
    {
        if (!_byNamespace.TryGetValue(ns, out var items) || !items.Remove(key))
        {
            return false;
        }

        Count--;
        if (items.Count == 0)
        {
            var path = ns.Path;
            _byNamespace.Remove(ns);
            _byPath.Remove(path);
            _paths = _paths.Remove(path);
        }

        return true;
    }

    /// <summary>Returns the items whose namespace starts with <paramref name="prefix"/>, expired ones included, visiting only those namespaces.</summary>
    public IEnumerable<StoredItem> Under(StoreNamespace prefix)
    {
        if (prefix.IsEmpty)
        {
            return All;
        }

        // The prefix itself, then the paths in ["prefix.", "prefix/"): exactly those that continue it with a label. A
        // read's prefix may hold a '.' in a label, so the labels are compared too.
        var path = prefix.Path;
        var exact = _byNamespace.TryGetValue(prefix, out var own) ? own.Values : Enumerable.Empty<StoredItem>();
        var below = PathsFrom(path + StoreNamespace.Separator, path + NamespaceWalk.AfterSeparator)
            .SelectMany(p => _byPath[p].Values)
            .Where(item => item.Namespace.StartsWith(prefix));
        return exact.Concat(below);
    }

    /// <summary>
    /// Returns the items after (<paramref name="afterPath"/>, <paramref name="afterKey"/>) in code point order of namespace
    /// path, then key, expired ones included; every item when <paramref name="afterPath"/> is <see langword="null"/>.
    /// </summary>
    public IEnumerable<StoredItem> InOrderAfter(string? afterPath, string? afterKey)
    {
        foreach (var path in PathsFrom(afterPath ?? string.Empty, null))
        {
            var items = _byPath[path].Values.AsEnumerable();
            if (path == afterPath && afterKey is not null)
            {
                items = items.Where(item => CodePointComparer.Instance.Compare(item.Key, afterKey) > 0);
            }

            foreach (var item in items.OrderBy(item => item.Key, CodePointComparer.Instance))
            {
                yield return item;
            }
        }
    }

    /// <summary>Returns the first path from <paramref name="from"/> (and before <paramref name="before"/>) of a namespace with a live item.</summary>
    public string? SeekNamespace(string from, string? before, DateTimeOffset now)
    {
        // A loop, not PathsFrom: a listing seeks once per namespace it returns.
        var index = _paths.IndexOf(from);
        for (index = index < 0 ? ~index : index; index < _paths.Count; index++)
        {
            var path = _paths[index];
            if (before is not null && CodePointComparer.Instance.Compare(path, before) >= 0)
            {
                return null;
            }

            foreach (var item in _byPath[path].Values)
            {
                if (!item.IsExpired(now))
                {
                    return path;
                }
            }
        }

        return null;
    }

    // The paths from `from` (inclusive) up to `before` (exclusive, or to the end), in order.
    private IEnumerable<string> PathsFrom(string from, string? before)
    {
        var index = _paths.IndexOf(from);
        for (index = index < 0 ? ~index : index; index < _paths.Count; index++)
        {
            var path = _paths[index];
            if (before is not null && CodePointComparer.Instance.Compare(path, before) >= 0)
            {
                yield break;
            }

            yield return path;
        }
    }
}
