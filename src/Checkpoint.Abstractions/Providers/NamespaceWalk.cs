namespace Checkpoint.Providers;

/// <summary>
/// Lists namespaces by walking the distinct namespace paths that hold live items, in code point order, one seek per
/// namespace visited (a loose index scan), instead of reading every item: the cost follows the namespaces listed, not
/// the items stored. Backends supply the seek over an ordered index of paths; the walk applies the conditions, the
/// maximum depth (skipping the rest of a subtree once its truncation is listed), the order and the page.
/// </summary>
public static class NamespaceWalk
{
    /// <summary>
    /// The character that follows <see cref="StoreNamespace.Separator"/>: every path below <c>P</c> lies from
    /// <c>P + '.'</c> up to (excluding) <c>P + '/'</c>.
    /// </summary>
    public const char AfterSeparator = (char)(StoreNamespace.Separator + 1);

    /// <summary>
    /// Returns the labels a listing's prefix conditions fix before their first wildcard (the longest such run): every
    /// namespace the listing can return lies under them, so the walk covers that range only.
    /// </summary>
    /// <param name="list">The listing.</param>
    /// <returns>The fixed labels; empty when no prefix condition fixes any.</returns>
    public static StoreNamespace FixedPrefix(ListNamespacesOperation list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var longest = StoreNamespace.Empty;
        foreach (var condition in (list.MatchConditions ?? []).Where(c => c.Type == NamespaceMatchType.Prefix))
        {
            var labels = new StoreNamespace(condition.Path.TakeWhile(label => label != NamespaceMatch.Wildcard));
            longest = labels.Count > longest.Count ? labels : longest;
        }

        return longest;
    }

    /// <summary>
    /// Returns the smallest string after a path among stored paths: stored labels hold no NUL, so it is the path
    /// followed by U+0001.
    /// </summary>
    /// <param name="path">A stored namespace path.</param>
    /// <returns>The lower bound (inclusive) of the paths after <paramref name="path"/>.</returns>
    public static string After(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path + '\u0001';
    }

    /// <summary>Walks the namespaces a listing asks for and returns its page.</summary>
    /// <param name="list">The listing: conditions, maximum depth, limit and offset.</param>
    /// <param name="seek">
    /// Returns the smallest path (code point order) of a namespace holding a live item that is at least <c>from</c>
    /// and, when <c>before</c> is not <see langword="null"/>, less than <c>before</c>; <see langword="null"/> when
    /// there is none.
    /// </param>
    /// <returns>The page, in code point order of the paths.</returns>
    public static List<StoreNamespace> Page(ListNamespacesOperation list, Func<string, string?, string?> seek)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(seek);
        if (list.Limit == 0)
        {
            return [];
        }

        var conditions = list.MatchConditions ?? [];
        var fixedPrefix = FixedPrefix(list);
        var from = fixedPrefix.Path;
        string? before = fixedPrefix.IsEmpty ? null : from + AfterSeparator;

        // Without a depth, paths arrive in the final order: stop once the page is full. The page itself (conditions,
        // truncation, order, offset and limit) is cut the way every backend cuts one.
        var matched = new List<StoreNamespace>();
        while (seek(from, before) is { } path)
        {
            var ns = StoreNamespace.FromPath(path);
            from = After(path);
            if (!conditions.All(c => c.Matches(ns)))
            {
                continue;
            }

            matched.Add(ns);
            if (list.MaxDepth is not { } depth)
            {
                if (matched.Count == (long)list.Offset + list.Limit)
                {
                    break;
                }
            }
            else if (ns.Count > depth)
            {
                // Every other path below the truncation truncates to it as well: jump past them.
                from = ns.Truncate(depth).Path + AfterSeparator;
            }
        }

        return StoreResultOrder.NamespacePage(matched, list);
    }
}
