using Checkpoint.Providers;

namespace Checkpoint;

/// <content>Raw item reads and writes: items in code point order of (namespace path, key), written exactly as given.</content>
public sealed partial class InMemoryStore
{
    /// <inheritdoc />
    protected override Task<IReadOnlyList<RawItem>> ListRawItemsCore(bool async, RawItem? after, int limit, CancellationToken cancellationToken)
    {
        var now = GetNow();
        lock (_database.Gate)
        {
            IReadOnlyList<RawItem> page = [.. _database.Items.InOrderAfter(after?.Namespace.Path, after?.Key)
                .Where(i => !i.IsExpired(now))
                .Take(limit)
                .Select(i => new RawItem(i.Namespace, i.Key, ReadStoredDocument(i.Namespace, i.Key, i.ValueJson), i.CreatedAt, i.UpdatedAt, i.ExpiresAt, i.Ttl, [.. i.Embeddings]))];
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
                _database.Items.Set(new StoredItem
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
}
