using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Checkpoint.Providers;

namespace Checkpoint;

/// <summary>
/// A long-term memory store: JSON documents under hierarchical namespaces, shared by every thread, with filters,
/// optional semantic search and time to live (LangGraph's <c>BaseStore</c>).
/// </summary>
/// <remarks>
/// <para>
/// Backends implement <see cref="BatchCore"/> and <see cref="SweepExpiredCore"/> (and <see cref="StorageComponent.SetupCore"/> when
/// they have a schema); every other operation is a batch of one. A batch is validated as a whole before anything runs (one bad operation rejects the batch and changes
/// nothing); its operations then apply in order, so a get sees a put that precedes it in the same batch.
/// </para>
/// <para>Expired items are never returned, whether or not the sweeper has removed them yet.</para>
/// <para>Instances are thread-safe and meant to be shared.</para>
/// </remarks>
public abstract partial class BaseStore : StorageComponent
{
    /// <summary>Initializes the store.</summary>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    protected BaseStore(StoreOptions? options)
    {
        Options = options ?? new StoreOptions();
        ArgumentNullException.ThrowIfNull(Options.TimeProvider, nameof(options));
        if (Options.Index is { } index)
        {
            if (index.EmbeddingGenerator is null)
            {
                throw new ArgumentException(
                    "StoreOptions.Index is set but has no EmbeddingGenerator: set Index.EmbeddingGenerator, or register an " +
                    "IEmbeddingGenerator<string, Embedding<float>> in the container (AddEmbeddingGenerator) before the store is resolved.",
                    nameof(options));
            }

            if (index.Dimensions < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), index.Dimensions, "StoreOptions.Index.Dimensions must be at least 1 (the length of the generator's vectors).");
            }

            ArgumentNullException.ThrowIfNull(index.Fields, nameof(options));
            foreach (var field in index.Fields)
            {
                IndexedText.ValidatePath(field);
            }
        }

        if (Options.Ttl?.DefaultTtl is { } ttl && ttl <= TimeSpan.Zero && ttl != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), ttl, "The default time to live must be positive.");
        }
    }

    /// <summary>Gets the options.</summary>
    public StoreOptions Options { get; }

    /// <summary>Runs several operations; see the class remarks for ordering and validation.</summary>
    /// <param name="operations">The operations.</param>
    /// <returns>One result per operation: <see cref="Item"/> or <see langword="null"/> for a get, a list of <see cref="SearchItem"/> for a search, a list of <see cref="StoreNamespace"/> for a list, <see langword="null"/> for a put.</returns>
    /// <exception cref="ArgumentException">An operation is invalid; nothing was applied.</exception>
    public IReadOnlyList<object?> Batch(IReadOnlyList<StoreOperation> operations) =>
        SyncPath.Result(BatchAsync(async: false, operations, CancellationToken.None));

    /// <summary>Asynchronously runs several operations; see <see cref="Batch"/>.</summary>
    /// <param name="operations">The operations.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>One result per operation.</returns>
    /// <exception cref="ArgumentException">An operation is invalid; nothing was applied.</exception>
    public Task<IReadOnlyList<object?>> BatchAsync(IReadOnlyList<StoreOperation> operations, CancellationToken cancellationToken = default) =>
        BatchAsync(async: true, operations, cancellationToken);

    /// <summary>Reads an item.</summary>
    /// <param name="namespace">The namespace.</param>
    /// <param name="key">The key.</param>
    /// <param name="refreshTtl">Whether to restart its time to live; the store default when <see langword="null"/>.</param>
    /// <returns>The item, or <see langword="null"/> when absent or expired.</returns>
    public Item? Get(StoreNamespace @namespace, string key, bool? refreshTtl = null) =>
        (Item?)Batch([new GetOperation(@namespace, key, refreshTtl)])[0];

    /// <summary>Asynchronously reads an item.</summary>
    /// <param name="namespace">The namespace.</param>
    /// <param name="key">The key.</param>
    /// <param name="refreshTtl">Whether to restart its time to live; the store default when <see langword="null"/>.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The item, or <see langword="null"/> when absent or expired.</returns>
    public async Task<Item?> GetAsync(StoreNamespace @namespace, string key, bool? refreshTtl = null, CancellationToken cancellationToken = default) =>
        (Item?)(await BatchAsync([new GetOperation(@namespace, key, refreshTtl)], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Reads an item's document as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <param name="namespace">The namespace.</param>
    /// <param name="key">The key.</param>
    /// <param name="options">JSON options; <see cref="JsonSerializerOptions.Web"/> when <see langword="null"/>.</param>
    /// <returns>The value, or <see langword="default"/> when absent.</returns>
    public T? GetValue<T>(StoreNamespace @namespace, string key, JsonSerializerOptions? options = null)
    {
        var item = Get(@namespace, key);
        return item is null ? default : item.GetValue<T>(options);
    }

    /// <summary>Asynchronously reads an item's document as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <param name="namespace">The namespace.</param>
    /// <param name="key">The key.</param>
    /// <param name="options">JSON options; <see cref="JsonSerializerOptions.Web"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The value, or <see langword="default"/> when absent.</returns>
    public async Task<T?> GetValueAsync<T>(StoreNamespace @namespace, string key, JsonSerializerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var item = await GetAsync(@namespace, key, cancellationToken: cancellationToken).ConfigureAwait(false);
        return item is null ? default : item.GetValue<T>(options);
    }

    /// <summary>Writes an item, keeping its creation time when the key exists.</summary>
    /// <param name="namespace">The namespace; validated.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">The document.</param>
    /// <param name="index">Which fields to embed; the store default when <see langword="null"/>.</param>
    /// <param name="ttl">The time to live: <see langword="null"/> for the store default, <see cref="Timeout.InfiniteTimeSpan"/> for never.</param>
    /// <exception cref="InvalidNamespaceException">The namespace cannot be written to.</exception>
    public void Put(StoreNamespace @namespace, string key, JsonObject value, ItemIndexing? index = null, TimeSpan? ttl = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        Batch([new PutOperation(@namespace, key, value) { Index = index, Ttl = ttl }]);
    }

    /// <summary>Asynchronously writes an item; see <see cref="Put(StoreNamespace, string, JsonObject, ItemIndexing?, TimeSpan?)"/>.</summary>
    /// <param name="namespace">The namespace; validated.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">The document.</param>
    /// <param name="index">Which fields to embed; the store default when <see langword="null"/>.</param>
    /// <param name="ttl">The time to live: <see langword="null"/> for the store default, <see cref="Timeout.InfiniteTimeSpan"/> for never.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the item is durable.</returns>
    public Task PutAsync(StoreNamespace @namespace, string key, JsonObject value, ItemIndexing? index = null, TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        return BatchAsync([new PutOperation(@namespace, key, value) { Index = index, Ttl = ttl }], cancellationToken);
    }

    /// <summary>Writes a value serialized as a JSON object.</summary>
    /// <typeparam name="T">The value's type; it must serialize to a JSON object.</typeparam>
    /// <param name="namespace">The namespace; validated.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="index">Which fields to embed; the store default when <see langword="null"/>.</param>
    /// <param name="ttl">The time to live: <see langword="null"/> for the store default, <see cref="Timeout.InfiniteTimeSpan"/> for never.</param>
    /// <param name="options">JSON options; <see cref="JsonSerializerOptions.Web"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The value does not serialize to a JSON object.</exception>
    public void PutValue<T>(StoreNamespace @namespace, string key, T value, ItemIndexing? index = null, TimeSpan? ttl = null, JsonSerializerOptions? options = null) =>
        Put(@namespace, key, ToDocument(value, options), index, ttl);

    /// <summary>Asynchronously writes a value serialized as a JSON object.</summary>
    /// <typeparam name="T">The value's type; it must serialize to a JSON object.</typeparam>
    /// <param name="namespace">The namespace; validated.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="index">Which fields to embed; the store default when <see langword="null"/>.</param>
    /// <param name="ttl">The time to live: <see langword="null"/> for the store default, <see cref="Timeout.InfiniteTimeSpan"/> for never.</param>
    /// <param name="options">JSON options; <see cref="JsonSerializerOptions.Web"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the item is durable.</returns>
    /// <exception cref="ArgumentException">The value does not serialize to a JSON object.</exception>
    public Task PutValueAsync<T>(StoreNamespace @namespace, string key, T value, ItemIndexing? index = null, TimeSpan? ttl = null, JsonSerializerOptions? options = null, CancellationToken cancellationToken = default) =>
        PutAsync(@namespace, key, ToDocument(value, options), index, ttl, cancellationToken);

    /// <summary>Deletes an item; deleting an absent item is not an error.</summary>
    /// <param name="namespace">The namespace.</param>
    /// <param name="key">The key.</param>
    public void Delete(StoreNamespace @namespace, string key) => Batch([new PutOperation(@namespace, key, null)]);

    /// <summary>Asynchronously deletes an item.</summary>
    /// <param name="namespace">The namespace.</param>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the item is gone.</returns>
    public Task DeleteAsync(StoreNamespace @namespace, string key, CancellationToken cancellationToken = default) =>
        BatchAsync([new PutOperation(@namespace, key, null)], cancellationToken);

    /// <summary>Searches items under a namespace prefix; see <see cref="SearchOperation"/> for ordering.</summary>
    /// <param name="namespacePrefix">The prefix; empty searches everything.</param>
    /// <param name="query">A natural-language query ranked by semantic similarity (<see cref="StoreOptions.Index"/>); without an index it is ignored, as in LangGraph.</param>
    /// <param name="filter">A field filter; see <see cref="StoreFilter"/>.</param>
    /// <param name="limit">The maximum number of results.</param>
    /// <param name="offset">How many results to skip.</param>
    /// <param name="refreshTtl">Whether to restart the time to live of returned items; the store default when <see langword="null"/>.</param>
    /// <returns>The items.</returns>
    public IReadOnlyList<SearchItem> Search(StoreNamespace namespacePrefix, string? query = null, IReadOnlyDictionary<string, JsonNode?>? filter = null, int limit = 10, int offset = 0, bool? refreshTtl = null) =>
        (IReadOnlyList<SearchItem>)Batch([new SearchOperation(namespacePrefix) { Query = query, Filter = filter, Limit = limit, Offset = offset, RefreshTtl = refreshTtl }])[0]!;

    /// <summary>Asynchronously searches items under a namespace prefix; see <see cref="Search"/>.</summary>
    /// <param name="namespacePrefix">The prefix; empty searches everything.</param>
    /// <param name="query">A natural-language query ranked by semantic similarity (<see cref="StoreOptions.Index"/>); without an index it is ignored, as in LangGraph.</param>
    /// <param name="filter">A field filter; see <see cref="StoreFilter"/>.</param>
    /// <param name="limit">The maximum number of results.</param>
    /// <param name="offset">How many results to skip.</param>
    /// <param name="refreshTtl">Whether to restart the time to live of returned items; the store default when <see langword="null"/>.</param>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    /// <returns>The items.</returns>
    public async IAsyncEnumerable<SearchItem> SearchAsync(StoreNamespace namespacePrefix, string? query = null, IReadOnlyDictionary<string, JsonNode?>? filter = null, int limit = 10, int offset = 0, bool? refreshTtl = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var results = await BatchAsync([new SearchOperation(namespacePrefix) { Query = query, Filter = filter, Limit = limit, Offset = offset, RefreshTtl = refreshTtl }], cancellationToken).ConfigureAwait(false);
        foreach (var item in (IReadOnlyList<SearchItem>)results[0]!)
        {
            yield return item;
        }
    }

    /// <summary>Lists the namespaces that hold items, ordered by path.</summary>
    /// <param name="prefix">Only namespaces starting with these labels (<c>*</c> matches any one label).</param>
    /// <param name="suffix">Only namespaces ending with these labels (<c>*</c> matches any one label).</param>
    /// <param name="maxDepth">Truncate namespaces to this many labels, then remove duplicates.</param>
    /// <param name="limit">The maximum number of namespaces.</param>
    /// <param name="offset">How many namespaces to skip.</param>
    /// <returns>The namespaces.</returns>
    public IReadOnlyList<StoreNamespace> ListNamespaces(StoreNamespace? prefix = null, StoreNamespace? suffix = null, int? maxDepth = null, int limit = 100, int offset = 0) =>
        (IReadOnlyList<StoreNamespace>)Batch([CreateListNamespaces(prefix, suffix, maxDepth, limit, offset)])[0]!;

    /// <summary>Asynchronously lists the namespaces that hold items; see <see cref="ListNamespaces"/>.</summary>
    /// <param name="prefix">Only namespaces starting with these labels (<c>*</c> matches any one label).</param>
    /// <param name="suffix">Only namespaces ending with these labels (<c>*</c> matches any one label).</param>
    /// <param name="maxDepth">Truncate namespaces to this many labels, then remove duplicates.</param>
    /// <param name="limit">The maximum number of namespaces.</param>
    /// <param name="offset">How many namespaces to skip.</param>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    /// <returns>The namespaces.</returns>
    public async IAsyncEnumerable<StoreNamespace> ListNamespacesAsync(StoreNamespace? prefix = null, StoreNamespace? suffix = null, int? maxDepth = null, int limit = 100, int offset = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var results = await BatchAsync([CreateListNamespaces(prefix, suffix, maxDepth, limit, offset)], cancellationToken).ConfigureAwait(false);
        foreach (var ns in (IReadOnlyList<StoreNamespace>)results[0]!)
        {
            yield return ns;
        }
    }

    /// <summary>Removes expired items now (the hosted sweeper calls this periodically).</summary>
    /// <returns>How many items were removed.</returns>
    public int SweepExpired()
    {
        ThrowIfDisposed();
        return SyncPath.Result(ObservedSweepExpired(async: false, CancellationToken.None));
    }

    /// <summary>Asynchronously removes expired items now; see <see cref="BaseStore.SweepExpired"/>.</summary>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>How many items were removed.</returns>
    public Task<int> SweepExpiredAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return cancellationToken.IsCancellationRequested ? Task.FromCanceled<int>(cancellationToken) : ObservedSweepExpired(async: true, cancellationToken);
    }

    /// <summary>Runs a validated batch; see the class remarks for the semantics every backend shares.</summary>
    /// <param name="async">Whether the caller is the async method; when <see langword="false"/>, use the driver's synchronous API and return a completed task.</param>
    /// <param name="request">The validated operations (never empty) with their embeddings.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>One result per operation.</returns>
    protected abstract Task<IReadOnlyList<object?>> BatchCore(bool async, StoreBatchRequest request, CancellationToken cancellationToken);

    /// <summary>Deletes every expired item (expired against <see cref="StoreOptions.TimeProvider"/>, see <see cref="GetNow"/>).</summary>
    /// <param name="async">Whether the caller is the async method; when <see langword="false"/>, use the driver's synchronous API and return a completed task.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>How many items were removed.</returns>
    protected abstract Task<int> SweepExpiredCore(bool async, CancellationToken cancellationToken);

    /// <summary>Returns the current time from <see cref="StoreOptions.TimeProvider"/>, truncated to milliseconds as every backend stores it.</summary>
    /// <returns>The time.</returns>
    protected DateTimeOffset GetNow() => TruncateToMilliseconds(Options.TimeProvider.GetUtcNow());

    /// <summary>Truncates a time to whole milliseconds in UTC, the precision every backend stores.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The truncated time.</returns>
    protected static DateTimeOffset TruncateToMilliseconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>Resolves a put's time to live against <see cref="StoreTtlOptions.DefaultTtl"/>.</summary>
    /// <param name="put">The put.</param>
    /// <returns>The time to live, or <see langword="null"/> when the item never expires.</returns>
    protected TimeSpan? ResolveTtl(PutOperation put)
    {
        ArgumentNullException.ThrowIfNull(put);
        var ttl = put.Ttl ?? Options.Ttl?.DefaultTtl;
        return ttl == Timeout.InfiniteTimeSpan ? null : ttl;
    }

    /// <summary>Resolves whether a read refreshes time to live.</summary>
    /// <param name="refreshTtl">The operation's setting.</param>
    /// <returns>The setting, or <see cref="StoreTtlOptions.RefreshOnRead"/> (default <see langword="true"/>).</returns>
    protected bool ResolveRefreshTtl(bool? refreshTtl) => refreshTtl ?? Options.Ttl?.RefreshOnRead ?? true;

    private async Task<IReadOnlyList<object?>> BatchAsync(bool async, IReadOnlyList<StoreOperation> operations, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        Validate(operations);
        var answerable = WithoutUnanswerableReads(WithoutUnindexedQueries(operations));
        if (answerable.Count == 0)
        {
            return Merge(operations, answerable, []);
        }

        return Merge(operations, answerable, await ObservedBatch(async, answerable, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Embeds the indexed fields of every put and the query of every search with one call to the embedding generator
    /// (each distinct text once), before any database work: the generator may be slow or remote.
    /// </summary>
    private async Task<StoreBatchRequest> PrepareAsync(bool async, IReadOnlyList<StoreOperation> operations, CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var fields = new List<(PutOperation Put, string Field, int Text)>();
        var queries = new List<(SearchOperation Search, int Text)>();
        int Position(string text)
        {
            if (!positions.TryGetValue(text, out var position))
            {
                position = texts.Count;
                positions[text] = position;
                texts.Add(text);
            }

            return position;
        }

        foreach (var operation in operations)
        {
            if (operation is PutOperation put && ResolveIndexFields(put) is { } paths)
            {
                fields.AddRange(IndexedText.Extract(put.Value!, paths).Select(p => (put, p.Key, Position(p.Value))));
            }
            else if (operation is SearchOperation { Query: { } query } search)
            {
                queries.Add((search, Position(query)));
            }
        }

        var embeddings = new Dictionary<PutOperation, IReadOnlyList<FieldEmbedding>>(ReferenceEqualityComparer.Instance);
        var queryEmbeddings = new Dictionary<SearchOperation, float[]>(ReferenceEqualityComparer.Instance);
        if (texts.Count > 0)
        {
            // IEmbeddingGenerator has only an asynchronous API: the sync path waits for it here, the one place it blocks.
            var embedding = EmbedAsync(texts, async ? cancellationToken : CancellationToken.None);
            var vectors = async ? await embedding.ConfigureAwait(false) : embedding.GetAwaiter().GetResult();
            foreach (var group in fields.GroupBy(f => f.Put, ReferenceEqualityComparer.Instance))
            {
                embeddings[(PutOperation)group.Key!] = [.. group.Select(f => new FieldEmbedding(f.Field, vectors[f.Text]))];
            }

            foreach (var (search, text) in queries)
            {
                queryEmbeddings[search] = vectors[text];
            }
        }

        return new StoreBatchRequest(operations, embeddings, queryEmbeddings);
    }

    /// <summary>Resolves which fields of a put are embedded: none without an index or for a delete.</summary>
    private IReadOnlyList<string>? ResolveIndexFields(PutOperation put)
    {
        if (Options.Index is null || put.Value is null)
        {
            return null;
        }

        return put.Index is null ? (Options.Index.Fields.Count > 0 ? [.. Options.Index.Fields] : [IndexedText.WholeDocument]) : put.Index.FieldPaths;
    }

    private async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var index = Options.Index ?? throw new InvalidOperationException("This store has no StoreOptions.Index, so it cannot embed text.");
        var embeddings = await index.EmbeddingGenerator!.GenerateAsync(texts, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (embeddings.Count != texts.Count)
        {
            throw new InvalidOperationException($"The embedding generator returned {embeddings.Count} embeddings for {texts.Count} texts.");
        }

        var vectors = new float[texts.Count][];
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] = embeddings[i].Vector.ToArray();
            if (vectors[i].Length != index.Dimensions)
            {
                throw new InvalidOperationException($"The embedding generator returned {vectors[i].Length} dimensions; StoreIndexOptions.Dimensions is {index.Dimensions}.");
            }
        }

        return vectors;
    }

    /// <summary>
    /// Reads are not validated, but a read naming a namespace or key no put could have written (an empty label, a label
    /// with <c>.</c>, NUL or an unpaired surrogate) can only find nothing. Such reads are answered here, so backends
    /// never receive strings their database cannot even hold.
    /// </summary>
    private static IReadOnlyList<StoreOperation> WithoutUnanswerableReads(IReadOnlyList<StoreOperation> operations) =>
        operations.Any(IsUnanswerableRead) ? [.. operations.Where(o => !IsUnanswerableRead(o))] : operations;

    /// <summary>
    /// Without <see cref="StoreOptions.Index"/> a search's query is ignored, as every LangGraph store does: the search
    /// returns the filtered items in its order without a query, each with a <see langword="null"/> score.
    /// </summary>
    private IReadOnlyList<StoreOperation> WithoutUnindexedQueries(IReadOnlyList<StoreOperation> operations) =>
        Options.Index is null && operations.Any(o => o is SearchOperation { Query: not null })
            ? [.. operations.Select(o => o is SearchOperation { Query: not null } search ? search with { Query = null } : o)]
            : operations;

    private static IReadOnlyList<object?> Merge(IReadOnlyList<StoreOperation> operations, IReadOnlyList<StoreOperation> answered, IReadOnlyList<object?> results)
    {
        if (ReferenceEquals(operations, answered))
        {
            return results;
        }

        var merged = new List<object?>(operations.Count);
        var next = 0;
        foreach (var operation in operations)
        {
            merged.Add(operation switch
            {
                _ when !IsUnanswerableRead(operation) => results[next++],
                SearchOperation => Array.Empty<SearchItem>(),
                ListNamespacesOperation => Array.Empty<StoreNamespace>(),
                _ => null,
            });
        }

        return merged;
    }

    private static bool IsUnanswerableRead(StoreOperation operation) => operation switch
    {
        GetOperation get => !CanBeStored(get.Namespace) || get.Key.Length == 0 || Identifier.FindProblem(get.Key) is not null,
        SearchOperation search => !CanBeStored(search.NamespacePrefix),
        ListNamespacesOperation list => (list.MatchConditions ?? []).Any(c => c.Path.Any(label => label != NamespaceMatch.Wildcard && !CanBeStoredLabel(label))),
        _ => false,
    };

    private static bool CanBeStored(StoreNamespace ns) => ns.All(CanBeStoredLabel);

    private static bool CanBeStoredLabel(string label) =>
        label.Length > 0 && !label.Contains(StoreNamespace.Separator, StringComparison.Ordinal) && Identifier.FindProblem(label) is null;

    private static JsonObject ToDocument<T>(T value, JsonSerializerOptions? options) =>
        JsonSerializer.SerializeToNode(value, options ?? JsonSerializerOptions.Web) as JsonObject
        ?? throw new ArgumentException($"A stored value must serialize to a JSON object; {typeof(T).Name} does not.", nameof(value));

    private static ListNamespacesOperation CreateListNamespaces(StoreNamespace? prefix, StoreNamespace? suffix, int? maxDepth, int limit, int offset)
    {
        var conditions = new List<NamespaceMatch>();
        if (prefix is { IsEmpty: false } p)
        {
            conditions.Add(new NamespaceMatch(NamespaceMatchType.Prefix, [.. p]));
        }

        if (suffix is { IsEmpty: false } s)
        {
            conditions.Add(new NamespaceMatch(NamespaceMatchType.Suffix, [.. s]));
        }

        return new ListNamespacesOperation { MatchConditions = conditions, MaxDepth = maxDepth, Limit = limit, Offset = offset };
    }

    private void Validate(IReadOnlyList<StoreOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        for (var i = 0; i < operations.Count; i++)
        {
            switch (operations[i])
            {
                case GetOperation get:
                    ArgumentNullException.ThrowIfNull(get.Key, nameof(operations));
                    break;
                case PutOperation put:
                    put.Namespace.Validate();
                    if (string.IsNullOrEmpty(put.Key) || Identifier.FindProblem(put.Key) is not null)
                    {
                        throw new ArgumentException($"Operation {i}: a key must be a non-empty string of valid Unicode without NUL characters.", nameof(operations));
                    }

                    if (UnicodeText.FindUnpairedSurrogate(put.Value) is { } invalid)
                    {
                        throw new ArgumentException($"Operation {i}: the value at {invalid.Path} cannot be stored: {invalid.Problem}.", nameof(operations));
                    }

                    if (put.Ttl is { } ttl && ttl <= TimeSpan.Zero && ttl != Timeout.InfiniteTimeSpan)
                    {
                        throw new ArgumentOutOfRangeException(nameof(operations), ttl, $"Operation {i}: a time to live must be positive (or Timeout.InfiniteTimeSpan for none).");
                    }

                    break;
                case SearchOperation search:
                    ThrowIfNegative(search.Limit, "limit", i);
                    ThrowIfNegative(search.Offset, "offset", i);
                    StoreFilter.Parse(search.Filter);

                    break;
                case ListNamespacesOperation list:
                    ThrowIfNegative(list.Limit, "limit", i);
                    ThrowIfNegative(list.Offset, "offset", i);
                    if (list.MaxDepth is < 1)
                    {
                        throw new ArgumentOutOfRangeException(nameof(operations), list.MaxDepth, $"Operation {i}: maxDepth must be at least 1.");
                    }

                    foreach (var condition in list.MatchConditions ?? [])
                    {
                        ArgumentNullException.ThrowIfNull(condition?.Path, nameof(operations));
                    }

                    break;
                case null:
                    throw new ArgumentException($"Operation {i} is null.", nameof(operations));
                default:
                    throw new ArgumentException($"Operation {i} is a {operations[i].GetType().Name}, which stores do not know.", nameof(operations));
            }
        }
    }

    private static void ThrowIfNegative(int value, string name, int index)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Operation {index}: {name} cannot be negative.");
        }
    }
}
