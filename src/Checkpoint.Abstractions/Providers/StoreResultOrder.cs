namespace Checkpoint.Providers;

/// <summary>
/// The result orders every store shares, for backends that order or page in process: what the search and
/// list-namespaces contracts say, written once.
/// </summary>
public static class StoreResultOrder
{
    /// <summary>
    /// Orders search candidates and returns the page a search asks for: scored items first by score descending, then
    /// unscored ones; ties (and every item of a search without a query) by update time descending, then namespace path
    /// and key (code point order, <see cref="CodePointComparer"/>).
    /// </summary>
    /// <typeparam name="T">A candidate, carrying whatever the backend needs afterwards (a row to refresh, say).</typeparam>
    /// <param name="candidates">The items that match the search's prefix and filter, in any order.</param>
    /// <param name="item">The search result of a candidate, with its score.</param>
    /// <param name="search">The search, for its offset and limit.</param>
    /// <returns>The page, in order.</returns>
    public static List<T> SearchPage<T>(IEnumerable<T> candidates, Func<T, SearchItem> item, SearchOperation search)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(search);
        return [.. candidates.OrderBy(item, SearchItemComparer.Instance).Skip(search.Offset).Take(search.Limit)];
    }

    /// <summary>
    /// Returns the page a namespace listing asks for: the namespaces matching every condition, truncated to the
    /// maximum depth, distinct, in code point order of their paths.
    /// </summary>
    /// <param name="namespaces">The namespaces holding live items, in any order, repeats allowed.</param>
    /// <param name="list">The listing, for its conditions, depth, offset and limit.</param>
    /// <returns>The page, in order.</returns>
    public static List<StoreNamespace> NamespacePage(IEnumerable<StoreNamespace> namespaces, ListNamespacesOperation list)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        ArgumentNullException.ThrowIfNull(list);
        var conditions = list.MatchConditions ?? [];
        return [.. namespaces
            .Where(ns => conditions.All(c => c.Matches(ns)))
            .Select(ns => list.MaxDepth is { } depth ? ns.Truncate(depth) : ns)
            .Distinct()
            .OrderBy(ns => ns.Path, CodePointComparer.Instance)
            .Skip(list.Offset)
            .Take(list.Limit)];
    }

    private sealed class SearchItemComparer : IComparer<SearchItem>
    {
        public static readonly SearchItemComparer Instance = new();

        public int Compare(SearchItem? x, SearchItem? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var order = (x.Score, y.Score) switch
            {
                (null, null) => 0,
                (null, _) => 1,
                (_, null) => -1,
                var (a, b) => b.Value.CompareTo(a.Value),
            };
            if (order == 0)
            {
                order = y.UpdatedAt.CompareTo(x.UpdatedAt);
            }

            if (order == 0)
            {
                order = CodePointComparer.Instance.Compare(x.Namespace.Path, y.Namespace.Path);
            }

            return order == 0 ? CodePointComparer.Instance.Compare(x.Key, y.Key) : order;
        }
    }
}
