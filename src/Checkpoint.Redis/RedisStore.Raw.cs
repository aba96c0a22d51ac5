using System.Globalization;
using System.Runtime.CompilerServices;
using Checkpoint.Providers;
using Checkpoint.Redis.Internal;
using StackExchange.Redis;

namespace Checkpoint.Redis;

/// <content>
/// Raw item reads and writes (<see cref="RawItemExtensions"/>): namespaces in registry order, keys in code point order
/// within each; one script per namespace written.
/// </content>
public sealed partial class RedisStore
{
    // Namespaces are read from the registry this many at a time, starting at the namespace the previous page ended in.
    private const int RegistryBatchSize = 100;

    // The sorted keys of the namespace a page ended inside, tied to that page's last item: the next page (whose `after`
    // is that very item) resumes by binary search, so a large namespace's keys are read once per listing, not per page.
    private readonly ConditionalWeakTable<RawItem, RawKeySnapshot> _rawKeySnapshots = new();

    /// <inheritdoc />
    /// <remarks>
    /// A namespace that fits in what is left of the page is read whole in one script; a larger one has its keys read and
    /// sorted once, then its items read a slice at a time. Items written into a namespace after the listing entered it
    /// may be missed, as the contract allows for writes during a listing.
    /// </remarks>
    protected override async Task<IReadOnlyList<RawItem>> ListRawItemsCore(bool async, RawItem? after, int limit, CancellationToken cancellationToken)
    {
        var now = GetNow().ToUnixTimeMilliseconds();
        var afterMember = after is null ? null : StoreKeys.Member(after.Namespace);
        var page = new List<RawItem>();
        var from = afterMember;
        var exclusive = false;
        while (true)
        {
            var members = await RegistryRangeAsync(async, from, exclusive).ConfigureAwait(false);
            foreach (var member in members)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var ns = StoreKeys.FromMember(member);
                var resumed = afterMember is not null && member.AsSpan().SequenceEqual(afterMember) ? after : null;
                RawKeySnapshot? snapshot = null;
                if (resumed is null || !_rawKeySnapshots.TryGetValue(resumed, out snapshot))
                {
                    var opened = (RedisResult[])(await _redis.EvalAsync(async, RawItemScripts.Open, KeysOf(ns), [now, limit - page.Count]).ConfigureAwait(false))!;
                    if ((long)opened[0] == 1)
                    {
                        page.AddRange(((RedisResult[])opened[1]!)
                            .Select(row => ToRawItem(ns, row))
                            .Where(item => resumed is null || CodePointComparer.Instance.Compare(item.Key, resumed.Key) > 0)
                            .OrderBy(item => item.Key, CodePointComparer.Instance));
                        if (page.Count == limit)
                        {
                            return page;
                        }

                        continue;
                    }

                    snapshot = new RawKeySnapshot((byte[][])opened[1]!);
                }

                var index = resumed is null ? 0 : snapshot.IndexAfter(OrdinalEncoding.Encode(resumed.Key));
                while (page.Count < limit && index < snapshot.Count)
                {
                    var take = Math.Min(limit - page.Count, snapshot.Count - index);
                    var rows = (RedisResult[])(await _redis.EvalAsync(async, RawItemScripts.Read, KeysOf(ns), [now, .. snapshot.Slice(index, take)]).ConfigureAwait(false))!;
                    index += take;
                    page.AddRange(rows.Where(row => !row.IsNull).Select(row => ToRawItem(ns, row)));
                }

                if (page.Count == limit)
                {
                    if (index < snapshot.Count)
                    {
                        _rawKeySnapshots.AddOrUpdate(page[^1], snapshot);
                    }

                    return page;
                }
            }

            if (members.Length < RegistryBatchSize)
            {
                return page;
            }

            from = members[^1];
            exclusive = true;
        }
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

    // A row of RawItemScripts.Read: {key, document, meta, embeddings or nil, expiry or nil}.
    private static RawItem ToRawItem(StoreNamespace ns, RedisResult entry)
    {
        var row = ReadRow(ns, entry);
        var meta = (string)entry[2]!;
        var ttl = long.Parse(meta.AsSpan(meta.LastIndexOf(',') + 1), CultureInfo.InvariantCulture);
        return new RawItem(
            ns,
            row.Key,
            row.Value,
            row.CreatedAt,
            row.UpdatedAt,
            entry[4].IsNull ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)entry[4]),
            ttl < 0 ? null : TimeSpan.FromMilliseconds(ttl),
            row.Embeddings);
    }

    // One batch of registry members in order, from a member (inclusive, or exclusive) or from the start.
    private async ValueTask<byte[][]> RegistryRangeAsync(bool async, byte[]? from, bool exclusive)
    {
        var min = from is null ? RedisValue.Null : (RedisValue)from;
        var exclude = exclusive ? Exclude.Start : Exclude.None;
        var members = async
            ? await Database.SortedSetRangeByValueAsync(_registry, min, RedisValue.Null, exclude, Order.Ascending, 0, RegistryBatchSize).ConfigureAwait(false)
            : Database.SortedSetRangeByValue(_registry, min, RedisValue.Null, exclude, Order.Ascending, 0, RegistryBatchSize);
        return [.. members.Select(member => (byte[])member!)];
    }
}
