using System.Globalization;
using Checkpoint.Providers;
using Checkpoint.Redis.Internal;
using StackExchange.Redis;

namespace Checkpoint.Redis;

/// <content>
/// Raw item reads and writes (<see cref="RawItemExtensions"/>): namespaces in registry order, keys in code point order
/// within each; one script per namespace read or written.
/// </content>
public sealed partial class RedisStore
{
    /// <inheritdoc />
    protected override async Task<IReadOnlyList<RawItem>> ListRawItemsCore(bool async, RawItem? after, int limit, CancellationToken cancellationToken)
    {
        var now = GetNow().ToUnixTimeMilliseconds();
        var afterMember = after is null ? null : StoreKeys.Member(after.Namespace);
        var items = new List<RawItem>();
        foreach (var ns in await RegisteredAsync(async, []).ConfigureAwait(false))
        {
            var order = afterMember is null ? 1 : StoreKeys.Member(ns).AsSpan().SequenceCompareTo(afterMember);
            if (order < 0)
            {
                continue;
            }

            var scanned = (RedisResult[])(await _redis.EvalAsync(async, RawItemScripts.Scan, KeysOf(ns), [now]).ConfigureAwait(false))!;
            var rows = scanned
                .Select(entry => (Key: OrdinalEncoding.Decode((byte[])entry[0]!), Entry: entry))
                .Where(row => order > 0 || CodePointComparer.Instance.Compare(row.Key, after!.Key) > 0)
                .OrderBy(row => row.Key, CodePointComparer.Instance);
            foreach (var (_, entry) in rows)
            {
                var row = ItemRow.Read(ns, (byte[])entry[0]!, (byte[])entry[1]!, (string)entry[2]!, entry[3].IsNull ? null : (byte[])entry[3]!);
                var ttl = long.Parse(((string)entry[2]!).Split(',')[2], CultureInfo.InvariantCulture);
                items.Add(new RawItem(
                    ns,
                    row.Key,
                    row.Value,
                    row.CreatedAt,
                    row.UpdatedAt,
                    entry[4].IsNull ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)entry[4]),
                    ttl < 0 ? null : TimeSpan.FromMilliseconds(ttl),
                    row.Embeddings));
                if (items.Count == limit)
                {
                    return items;
                }
            }
        }

        return items;
    }

    /// <inheritdoc />
    protected override async Task PutRawItemsCore(bool async, IReadOnlyList<RawItem> items, CancellationToken cancellationToken)
    {
        var groups = items.GroupBy(i => i.Namespace).ToList();
        var args = groups.Select(g =>
        {
            var tuples = g.SelectMany(item => new RedisValue[]
            {
                OrdinalEncoding.Encode(item.Key),
                item.Value.ToJsonString(),
                item.CreatedAt.ToUnixTimeMilliseconds(),
                item.UpdatedAt.ToUnixTimeMilliseconds(),
                item.Ttl is { } ttl ? (long)Math.Ceiling(ttl.TotalMilliseconds) : -1,
                item.ExpiresAt is { } expires ? expires.ToUnixTimeMilliseconds() : RedisValue.EmptyString,
            });
            var vectors = g.Select(item => item.Embeddings.Count == 0 ? RedisValue.EmptyString : (RedisValue)EmbeddingCodec.Encode(item.Embeddings));
            return tuples.Concat(vectors).ToArray();
        }).ToList();
        await _redis.EvalAllAsync(async, RawItemScripts.Put, [.. groups.Select(g => KeysOf(g.Key))], i => args[i]).ConfigureAwait(false);
        await RegisterAsync(async, [.. groups.Select(g => (RedisValue)StoreKeys.Member(g.Key))]).ConfigureAwait(false);
    }
}
