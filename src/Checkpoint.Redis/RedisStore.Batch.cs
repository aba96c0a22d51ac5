using Checkpoint.Providers;
using Checkpoint.Redis.Internal;
using StackExchange.Redis;

namespace Checkpoint.Redis;

/// <content>
/// Batches: operations apply in order; consecutive puts (and consecutive gets) are sent together, one script per
/// namespace, since nothing in such a run can observe another.
/// </content>
public sealed partial class RedisStore
{
    /// <inheritdoc />
    protected override async Task<IReadOnlyList<object?>> BatchCore(bool async, StoreBatchRequest request, CancellationToken cancellationToken)
    {
        var operations = request.Operations;
        var results = new object?[operations.Count];
        var i = 0;
        while (i < operations.Count)
        {
            var end = i + 1;
            switch (operations[i])
            {
                case PutOperation:
                    while (end < operations.Count && operations[end] is PutOperation)
                    {
                        end++;
                    }

                    await PutAsync(async, [.. operations.Take(end).Skip(i).Cast<PutOperation>()], request).ConfigureAwait(false);
                    break;
                case GetOperation:
                    while (end < operations.Count && operations[end] is GetOperation)
                    {
                        end++;
                    }

                    var items = await GetAsync(async, [.. operations.Take(end).Skip(i).Cast<GetOperation>()]).ConfigureAwait(false);
                    items.CopyTo(results, i);
                    break;
                case SearchOperation search:
                    results[i] = await SearchAsync(async, search, request.QueryEmbeddingOf(search)).ConfigureAwait(false);
                    break;
                case ListNamespacesOperation list:
                    results[i] = await ListNamespacesAsync(async, list).ConfigureAwait(false);
                    break;
                default:
                    throw new InvalidOperationException($"Unexpected operation {operations[i].GetType().Name}.");
            }

            i = end;
        }

        return results;
    }

    private async ValueTask PutAsync(bool async, IReadOnlyList<PutOperation> puts, StoreBatchRequest request)
    {
        // Within a namespace the puts keep their order (one script applies them in sequence).
        var groups = puts.GroupBy(p => p.Namespace).ToList();
        var args = groups.Select(g => g.SelectMany(put => PutArguments(put, request.EmbeddingsOf(put))).ToArray()).ToList();
        await _redis.EvalAllAsync(async, StoreScripts.Put, [.. groups.Select(g => KeysOf(g.Key))], i => args[i]).ConfigureAwait(false);

        // Registered only after the items are written; see SweepAsync for why this order matters.
        var written = groups.Where(g => g.Any(p => p.Value is not null)).Select(g => (RedisValue)StoreKeys.Member(g.Key)).ToList();
        if (written.Count > 0)
        {
            await RegisterAsync(async, written).ConfigureAwait(false);
        }
    }

    private RedisValue[] PutArguments(PutOperation put, IReadOnlyList<FieldEmbedding> embeddings)
    {
        var now = GetNow().ToUnixTimeMilliseconds();
        var key = OrdinalEncoding.Encode(put.Key);
        if (put.Value is null)
        {
            return [now, key, RedisValue.EmptyString, -1, RedisValue.EmptyString, RedisValue.EmptyString];
        }

        // Times are whole milliseconds; rounding the TTL up keeps "expired when expires_at <= now" exact.
        var ttl = ResolveTtl(put) is { } span ? (long)Math.Ceiling(span.TotalMilliseconds) : -1;
        return
        [
            now,
            key,
            put.Value.ToJsonString(),
            ttl,
            ttl < 0 ? RedisValue.EmptyString : now + ttl,
            embeddings.Count == 0 ? RedisValue.EmptyString : EmbeddingCodec.Encode(embeddings),
        ];
    }

    private async ValueTask<Item?[]> GetAsync(bool async, IReadOnlyList<GetOperation> gets)
    {
        var items = new Item?[gets.Count];
        var groups = gets
            .Select((get, index) => (Get: get, Index: index))
            .Where(g => StoreKeys.CanExist(g.Get.Namespace))
            .GroupBy(g => (g.Get.Namespace, Refresh: ResolveRefreshTtl(g.Get.RefreshTtl)))
            .Select(g => g.ToList())
            .ToList();
        var now = Millis(GetNow());
        var results = await _redis.EvalAllAsync(
            async,
            StoreScripts.Get,
            [.. groups.Select(g => KeysOf(g[0].Get.Namespace))],
            i => [now, ResolveRefreshTtl(groups[i][0].Get.RefreshTtl) ? 1 : 0, .. groups[i].Select(g => (RedisValue)OrdinalEncoding.Encode(g.Get.Key))]).ConfigureAwait(false);
        for (var g = 0; g < groups.Count; g++)
        {
            for (var j = 0; j < groups[g].Count; j++)
            {
                var row = results[g][j];
                if (!row.IsNull)
                {
                    var (get, index) = groups[g][j];
                    items[index] = ReadRow(get.Namespace, get.Key, (byte[])row[0]!, (string)row[1]!, null).ToItem();
                }
            }
        }

        return items;
    }
}
