using System.Text.Json.Nodes;
using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>Drives a store through its sync or its async API behind one awaitable surface; see <see cref="SaverApi"/>.</summary>
/// <param name="store">The store.</param>
/// <param name="mode">Which API to call.</param>
public sealed class StoreApi(BaseStore store, ApiMode mode)
{
    /// <summary>Gets the store.</summary>
    public BaseStore Inner { get; } = store;

    /// <summary>Gets the mode.</summary>
    public ApiMode Mode { get; } = mode;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Calls <c>Setup</c> or <c>SetupAsync</c>.</summary>
    public Task SetupAsync() => ApiCall.RunAsync(Mode, "Setup", Inner.Setup, () => Inner.SetupAsync(Token));

    /// <summary>Calls <c>Batch</c> or <c>BatchAsync</c>.</summary>
    public Task<IReadOnlyList<object?>> BatchAsync(IReadOnlyList<StoreOperation> operations) =>
        ApiCall.RunAsync(Mode, "Batch", () => Inner.Batch(operations), () => Inner.BatchAsync(operations, Token));

    /// <summary>Calls <c>Get</c> or <c>GetAsync</c>.</summary>
    public Task<Item?> GetAsync(StoreNamespace ns, string key, bool? refreshTtl = null) =>
        ApiCall.RunAsync(Mode, "Get", () => Inner.Get(ns, key, refreshTtl), () => Inner.GetAsync(ns, key, refreshTtl, Token));

    /// <summary>Calls <c>Put</c> or <c>PutAsync</c>.</summary>
    public Task PutAsync(StoreNamespace ns, string key, JsonObject value, ItemIndexing? index = null, TimeSpan? ttl = null) =>
        ApiCall.RunAsync(Mode, "Put", () => Inner.Put(ns, key, value, index, ttl), () => Inner.PutAsync(ns, key, value, index, ttl, Token));

    /// <summary>Calls <c>Delete</c> or <c>DeleteAsync</c>.</summary>
    public Task DeleteAsync(StoreNamespace ns, string key) =>
        ApiCall.RunAsync(Mode, "Delete", () => Inner.Delete(ns, key), () => Inner.DeleteAsync(ns, key, Token));

    /// <summary>Calls <c>Search</c> or <c>SearchAsync</c> and collects the results.</summary>
    public Task<List<SearchItem>> SearchAsync(StoreNamespace prefix, string? query = null, IReadOnlyDictionary<string, JsonNode?>? filter = null, int limit = 10, int offset = 0, bool? refreshTtl = null) =>
        ApiCall.RunAsync(
            Mode,
            "Search",
            () => Inner.Search(prefix, query, filter, limit, offset, refreshTtl).ToList(),
            () => Inner.SearchAsync(prefix, query, filter, limit, offset, refreshTtl, Token).ToListAsync(Token).AsTask());

    /// <summary>Calls <c>ListNamespaces</c> or <c>ListNamespacesAsync</c> and collects the results.</summary>
    public Task<List<StoreNamespace>> ListNamespacesAsync(StoreNamespace? prefix = null, StoreNamespace? suffix = null, int? maxDepth = null, int limit = 100, int offset = 0) =>
        ApiCall.RunAsync(
            Mode,
            "ListNamespaces",
            () => Inner.ListNamespaces(prefix, suffix, maxDepth, limit, offset).ToList(),
            () => Inner.ListNamespacesAsync(prefix, suffix, maxDepth, limit, offset, Token).ToListAsync(Token).AsTask());

    /// <summary>Calls <c>SweepExpired</c> or <c>SweepExpiredAsync</c>.</summary>
    public Task<int> SweepExpiredAsync() => ApiCall.RunAsync(Mode, "SweepExpired", Inner.SweepExpired, () => Inner.SweepExpiredAsync(Token));
}
