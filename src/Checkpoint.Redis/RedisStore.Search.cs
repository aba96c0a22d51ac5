using Checkpoint.Providers;
using Checkpoint.Redis.Internal;
using StackExchange.Redis;

namespace Checkpoint.Redis;

/// <content>
/// Search and list-namespaces: candidate namespaces come from the registry (a lex range for the prefix), their live
/// items from one script per namespace; filters, scores and order are computed here.
/// </content>
public sealed partial class RedisStore
{
    private const int NamespaceCheckBatch = 64;

    private async ValueTask<IReadOnlyList<SearchItem>> SearchAsync(bool async, SearchOperation search, float[]? query)
    {
        if (search.Limit == 0 || !StoreKeys.CanMatch(search.NamespacePrefix))
        {
            return [];
        }

        var now = GetNow();
        var conditions = StoreFilter.Parse(search.Filter);
        var namespaces = (await RegisteredAsync(async, [.. search.NamespacePrefix]).ConfigureAwait(false))
            .Where(ns => ns.StartsWith(search.NamespacePrefix))
            .ToList();
        var scanned = await _redis.EvalAllAsync(async, StoreScripts.Scan, [.. namespaces.Select(KeysOf)], _ => [Millis(now), query is null ? 0 : 1]).ConfigureAwait(false);

        var candidates = new List<(ItemRow Row, SearchItem Item, CorruptItemException? Damage)>();
        for (var n = 0; n < namespaces.Count; n++)
        {
            foreach (var entry in (RedisResult[])scanned[n]!)
            {
                var (row, damage) = ReadCandidateRow(namespaces[n], entry);
                if (damage is not null || StoreFilter.Matches(row.Value, conditions))
                {
                    candidates.Add((row, row.ToSearchItem(query is null || row.Embeddings.Count == 0 ? null : row.Embeddings.Max(e => VectorMath.CosineSimilarity(query, e.Vector))), damage));
                }
            }
        }

        var page = StoreResultOrder.SearchPage(candidates, c => c.Item, search);
        ThrowIfDamaged(page, c => c.Damage);

        if (ResolveRefreshTtl(search.RefreshTtl))
        {
            var touched = page.Where(c => c.Row.HasTtl).GroupBy(c => c.Row.Namespace).ToList();
            await _redis.EvalAllAsync(
                async,
                StoreScripts.Touch,
                [.. touched.Select(g => KeysOf(g.Key))],
                i => [Millis(now), .. touched[i].Select(c => (RedisValue)OrdinalEncoding.Encode(c.Row.Key))]).ConfigureAwait(false);
        }

        return [.. page.Select(c => c.Item)];
    }

    private async ValueTask<IReadOnlyList<StoreNamespace>> ListNamespacesAsync(bool async, ListNamespacesOperation list)
    {
        if (list.Limit == 0)
        {
            return [];
        }

        var now = Millis(GetNow());
        var conditions = list.MatchConditions ?? [];

        // The registry range narrows to the labels a prefix condition fixes before its first wildcard.
        var leading = conditions.FirstOrDefault(c => c.Type == NamespaceMatchType.Prefix)?.Path.TakeWhile(l => l != NamespaceMatch.Wildcard).ToList() ?? [];
        if (!StoreKeys.CanMatch(new StoreNamespace(leading)))
        {
            return [];
        }

        var groups = (await RegisteredAsync(async, leading).ConfigureAwait(false))
            .Where(ns => conditions.All(c => c.Matches(ns)))
            .GroupBy(ns => list.MaxDepth is { } depth ? ns.Truncate(depth) : ns)
            .OrderBy(g => g.Key.Path, CodePointComparer.Instance)
            .ToList();

        // Check groups in order, a batch at a time, until enough have a live item: a small page reads few namespaces.
        var needed = (long)list.Offset + list.Limit;
        var found = new List<StoreNamespace>();
        for (var start = 0; start < groups.Count && found.Count < needed; start += NamespaceCheckBatch)
        {
            var batch = groups.Skip(start).Take(NamespaceCheckBatch).ToList();
            var members = batch.SelectMany((g, i) => g.Select(ns => (Group: i, Namespace: ns))).ToList();
            var live = await _redis.EvalAllAsync(async, StoreScripts.HasLive, [.. members.Select(m => KeysOf(m.Namespace))], _ => [now]).ConfigureAwait(false);
            var liveGroups = members.Where((_, i) => (long)live[i] == 1).Select(m => m.Group).ToHashSet();
            found.AddRange(batch.Where((_, i) => liveGroups.Contains(i)).Select(g => g.Key));
        }

        return [.. found.Skip(list.Offset).Take(list.Limit)];
    }
}
