using Checkpoint.Providers;

namespace Checkpoint;

/// <summary>
/// A complete, thread-safe store that keeps everything in process memory, with filters, semantic search (scored in
/// process) and time to live: the reference every backend store is compared with.
/// </summary>
public sealed partial class InMemoryStore : BaseStore
{
    /// <summary>The schema version <see cref="StorageComponent.Setup"/> records.</summary>
    public static int CurrentSchemaVersion { get; } = 1;

    private readonly InMemoryStoreDatabase _database;

    /// <summary>Initializes a store with its own storage.</summary>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    public InMemoryStore(StoreOptions? options = null)
        : this(new InMemoryStoreDatabase(), options)
    {
    }

    /// <summary>Initializes a store over shared storage.</summary>
    /// <param name="database">The storage, possibly shared with other stores.</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    public InMemoryStore(InMemoryStoreDatabase database, StoreOptions? options = null)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>Gets the storage.</summary>
    public InMemoryStoreDatabase Database => _database;

    /// <inheritdoc />
    protected override string DatabaseSystemName => "memory";

    /// <inheritdoc />
    protected override Task SetupCore(bool async, CancellationToken cancellationToken) => _database.Schema.SetupAsync(_database.Gate, CurrentSchemaVersion);

    /// <inheritdoc />
    protected override Task<int> SweepExpiredCore(bool async, CancellationToken cancellationToken)
    {
        var now = GetNow();
        lock (_database.Gate)
        {
            var expired = _database.Items.All.Where(i => i.IsExpired(now)).ToList();
            foreach (var item in expired)
            {
                _database.Items.Remove(item.Namespace, item.Key);
            }

            return Task.FromResult(expired.Count);
        }
    }

    /// <inheritdoc />
    protected override Task<IReadOnlyList<object?>> BatchCore(bool async, StoreBatchRequest request, CancellationToken cancellationToken)
    {
        var results = new List<object?>(request.Operations.Count);
        lock (_database.Gate)
        {
            foreach (var operation in request.Operations)
            {
                var now = GetNow();
                results.Add(operation switch
                {
                    GetOperation get => Get(get, now),
                    PutOperation put => Put(put, request.EmbeddingsOf(put), now),
                    SearchOperation search => Search(search, request.QueryEmbeddingOf(search), now),
                    ListNamespacesOperation list => ListNamespaces(list, now),
                    _ => throw new InvalidOperationException($"Unexpected operation {operation.GetType().Name}."),
                });
            }
        }

        return Task.FromResult<IReadOnlyList<object?>>(results);
    }

    private Item? Get(GetOperation get, DateTimeOffset now)
    {
        if (_database.Items.Find(get.Namespace, get.Key) is not { } stored || stored.IsExpired(now))
        {
            return null;
        }

        var value = ReadStoredDocument(stored.Namespace, stored.Key, stored.ValueJson);
        Refresh(stored, get.RefreshTtl, now);
        return new Item(stored.Namespace, stored.Key, value, stored.CreatedAt, stored.UpdatedAt);
    }

    private object? Put(PutOperation put, IReadOnlyList<FieldEmbedding> embeddings, DateTimeOffset now)
    {
        if (put.Value is null)
        {
            _database.Items.Remove(put.Namespace, put.Key);
            return null;
        }

        var ttl = ResolveTtl(put);
        var existing = _database.Items.Find(put.Namespace, put.Key) is { } previous && !previous.IsExpired(now) ? previous : null;
        _database.Items.Set(new StoredItem
        {
            Namespace = put.Namespace,
            Key = put.Key,
            ValueJson = put.Value.ToJsonString(),
            CreatedAt = existing?.CreatedAt ?? now,
            UpdatedAt = now,
            Ttl = ttl,
            ExpiresAt = ttl is null ? null : now + ttl.Value,
            Embeddings = embeddings,
        });
        return null;
    }

    private List<SearchItem> Search(SearchOperation search, float[]? query, DateTimeOffset now)
    {
        var conditions = StoreFilter.Parse(search.Filter);
        var candidates = _database.Items.Under(search.NamespacePrefix)
            .Where(i => !i.IsExpired(now))
            .Select(i => (Stored: i, Value: ReadCandidateDocument(i.Namespace, i.Key, i.ValueJson, out var damage), Damage: damage))
            .Where(c => c.Damage is not null || StoreFilter.Matches(c.Value, conditions))
            .Select(c => (c.Stored, c.Damage, Item: new SearchItem(c.Stored.Namespace, c.Stored.Key, c.Value, c.Stored.CreatedAt, c.Stored.UpdatedAt, query is null || c.Stored.Embeddings.Count == 0
                ? null
                : c.Stored.Embeddings.Max(e => VectorMath.CosineSimilarity(query, e.Vector)))));
        var page = StoreResultOrder.SearchPage(candidates, c => c.Item, search);
        ThrowIfDamaged(page, c => c.Damage);
        foreach (var (stored, _, _) in page)
        {
            Refresh(stored, search.RefreshTtl, now);
        }

        return [.. page.Select(c => c.Item)];
    }

    private List<StoreNamespace> ListNamespaces(ListNamespacesOperation list, DateTimeOffset now) =>
        NamespaceWalk.Page(list, (from, before) => _database.Items.SeekNamespace(from, before, now));

    private void Refresh(StoredItem stored, bool? refreshTtl, DateTimeOffset now)
    {
        if (stored.Ttl is { } ttl && ResolveRefreshTtl(refreshTtl))
        {
            stored.ExpiresAt = now + ttl;
        }
    }
}
