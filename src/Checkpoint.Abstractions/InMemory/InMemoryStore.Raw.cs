using Checkpoint.Providers;

namespace Checkpoint;

/// <content>Raw item reads and writes: items in (namespace path, key) order, written exactly as given.</content>
public sealed partial class InMemoryStore
{
    /// <inheritdoc />
    protected override Task<IReadOnlyList<RawItem>> ListRawItemsCore(bool async, RawItem? after, int limit, CancellationToken cancellationToken)
    {
        var now = GetNow();
        lock (_database.Gate)
        {
            IReadOnlyList<RawItem> page = [.. _database.Items.Values
                .Where(i => !i.IsExpired(now) && (after is null || Compare(i.Namespace.Path, i.Key, after.Namespace.Path, after.Key) > 0))
                .OrderBy(i => i.Namespace.Path, StringComparer.Ordinal).ThenBy(i => i.Key, StringComparer.Ordinal)
                .Take(limit)
                .Select(i => new RawItem(i.Namespace, i.Key, i.ParseValue(), i.CreatedAt, i.UpdatedAt, i.ExpiresAt, i.Ttl, [.. i.Embeddings]))];
            return Task.FromResult(page);
        }
    }

    /// <inheritdoc />
    protected override Task PutRawItemsCore(bool async, IReadOnlyList<RawItem> items, CancellationToken cancellationToken)
    {
        lock (_database.Gate)
        {
            foreach (var item in items)
            {
                _database.SetItem(new StoredItem
                {
                    Namespace = item.Namespace,
                    Key = item.Key,
                    ValueJson = item.Value.ToJsonString(),
                    CreatedAt = TruncateToMilliseconds(item.CreatedAt),
                    UpdatedAt = TruncateToMilliseconds(item.UpdatedAt),
                    Ttl = item.Ttl,
                    ExpiresAt = item.ExpiresAt is { } expires ? TruncateToMilliseconds(expires) : null,
                    Embeddings = [.. item.Embeddings],
                });
            }
        }

        return Task.CompletedTask;
    }

    private static int Compare(string path, string key, string afterPath, string afterKey)
    {
        var byPath = string.CompareOrdinal(path, afterPath);
        return byPath != 0 ? byPath : string.CompareOrdinal(key, afterKey);
    }
}
