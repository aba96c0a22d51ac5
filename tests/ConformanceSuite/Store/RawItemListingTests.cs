using Checkpoint.Providers;
using Xunit;
using static Checkpoint.ConformanceSuite.StoreTestData;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Raw item listing, what export, copy and verify read a whole store with (contract "Raw access"): every live item once,
/// across page boundaries that fall inside and at the end of namespaces.
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class RawItemListingTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    // More than the listing's page (500): one namespace of exactly a page, one spanning three pages, one of two items
    // (expiring later), so whatever order the backend lists namespaces in, pages end inside a namespace and at its end.
    private static readonly (string Label, int Count)[] Namespaces = [("a", 500), ("m", 1_100), ("z", 2)];

    // Keys whose code point order differs from UTF-16 order, so a backend that sorts two ways loses or repeats them.
    private static readonly string[] OddKeys = ["\u00e9t\u00e9", "\U0001F600", "\uFF21", "k"];

    [Theory, BothModes]
    public virtual async Task Raw_listing_returns_every_live_item_once_across_pages(ApiMode mode)
    {
        var database = await CreateDatabaseAsync();
        var store = Track(database.CreateStore(Options(Clock())));
        await new StoreApi(store, mode).SetupAsync();
        var now = Millis(ClockStart);
        var live = Namespaces
            .SelectMany(ns => Enumerable.Range(0, ns.Count - (ns.Label == "m" ? OddKeys.Length : 0))
                .Select(i => $"k{i:D4}")
                .Concat(ns.Label == "m" ? OddKeys : [])
                .Select(key => Item(["raw", ns.Label], key, now, ns.Label == "z" ? now + TimeSpan.FromHours(1) : null)))
            .ToList();
        RawItem[] expired = [Item(["raw", "m"], "gone", now, now - TimeSpan.FromMilliseconds(1)), Item(["raw", "expired-only"], "gone", now, now)];
        var listed = await PutThenListAsync(mode, store, live.Concat(expired));

        Assert.Equal(
            live.Select(Describe).Order(StringComparer.Ordinal),
            listed.Select(Describe).Order(StringComparer.Ordinal));
    }

    [Theory, BothModes]
    public virtual async Task Raw_listing_returns_the_embeddings_of_every_item_on_a_page(ApiMode mode)
    {
        var database = await CreateDatabaseAsync();
        var store = Track(database.CreateStore(Options(Clock(), Index(new FakeEmbeddingGenerator(4)))));
        await new StoreApi(store, mode).SetupAsync();
        var now = Millis(ClockStart);

        // More than a page (500); items with no, one and two embedded fields take turns, and an expired item with its own
        // embeddings lies between two live ones, so vectors read for a whole page must land on their own items only.
        var live = Enumerable.Range(0, 600)
            .Select(i => Item(["raw-vectors"], $"k{i:D4}", now, null) with { Embeddings = [.. Fields(i)] })
            .ToList();
        var expired = Item(["raw-vectors"], "k0300-gone", now, now - TimeSpan.FromMilliseconds(1)) with { Embeddings = [.. Fields(2)] };
        var listed = await PutThenListAsync(mode, store, live.Append(expired));

        Assert.Equal(live.Select(DescribeEmbeddings), listed.Select(DescribeEmbeddings).Order(StringComparer.Ordinal));
    }

    [Theory, BothModes]
    public virtual async Task Resuming_after_an_item_returns_exactly_the_items_after_it_in_order(ApiMode mode)
    {
        var (store, listed) = await ListSmallStoreAsync(mode);

        // Every position: first, inside a namespace, at the end of one, last.
        for (var position = 0; position < listed.Count; position++)
        {
            var after = listed[position];
            var resumed = await ResumeAsync(mode, store, after.Namespace, after.Key);

            Assert.Equal(listed.Skip(position + 1).Select(Describe), resumed.Select(Describe));
        }
    }

    [Theory, BothModes]
    public virtual async Task Resuming_after_a_deleted_item_returns_the_items_that_followed_it(ApiMode mode)
    {
        var (store, listed) = await ListSmallStoreAsync(mode);

        // An item inside a namespace, and the only item of a namespace (so the namespace is gone too).
        var deleted = new List<RawItem>();
        foreach (var key in new[] { "k2", "only" })
        {
            var position = listed.FindIndex(i => i.Key == key);
            var gone = listed[position];
            await ApiCall.RunAsync(mode, "Delete", () => store.Delete(gone.Namespace, gone.Key), () => store.DeleteAsync(gone.Namespace, gone.Key, Token));
            deleted.Add(gone);

            var resumed = await ResumeAsync(mode, store, gone.Namespace, gone.Key);

            Assert.Equal(listed.Skip(position + 1).Except(deleted).Select(Describe), resumed.Select(Describe));
        }
    }

    [Theory, BothModes]
    public virtual async Task Resuming_after_a_position_no_item_can_have_is_refused_with_a_typed_exception(ApiMode mode)
    {
        var store = CreateStore(mode).Inner;
        StoreNamespace ns = ["raw", "a"];

        await Assert.ThrowsAsync<ArgumentNullException>(() => ResumeAsync(mode, store, ns, null!));
        await Assert.ThrowsAsync<ArgumentException>(() => ResumeAsync(mode, store, ns, string.Empty));
        await Assert.ThrowsAsync<ArgumentException>(() => ResumeAsync(mode, store, ns, "k\0"));
        await Assert.ThrowsAsync<InvalidNamespaceException>(() => ResumeAsync(mode, store, StoreNamespace.Empty, "k"));
        await Assert.ThrowsAsync<InvalidNamespaceException>(() => ResumeAsync(mode, store, ["raw", "a.b"], "k"));
        await Assert.ThrowsAsync<InvalidNamespaceException>(() => ResumeAsync(mode, store, ["raw", string.Empty], "k"));
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<List<RawItem>> PutThenListAsync(ApiMode mode, BaseStore store, IEnumerable<RawItem> items)
    {
        foreach (var chunk in items.Chunk(250))
        {
            await ApiCall.RunAsync(mode, "PutRawItems", () => store.PutRawItems(chunk), () => store.PutRawItemsAsync(chunk, Token));
        }

        return await ApiCall.RunAsync(
            mode,
            "ListRawItems",
            () => store.ListRawItems().ToList(),
            () => store.ListRawItemsAsync(Token).ToListAsync(Token).AsTask());
    }

    // A fresh store of three namespaces (3, 3 with keys in an order UTF-16 sorts differently, and 1 item), listed whole.
    private async Task<(BaseStore Store, List<RawItem> Listed)> ListSmallStoreAsync(ApiMode mode)
    {
        var database = await CreateDatabaseAsync();
        var store = Track(database.CreateStore(Options(Clock())));
        await new StoreApi(store, mode).SetupAsync();
        var now = Millis(ClockStart);
        RawItem[] items =
        [
            .. new[] { "k1", "k2", "k3" }.Select(key => Item(["raw", "a"], key, now, null)),
            .. OddKeys.Take(3).Select(key => Item(["raw", "b"], key, now, null)),
            Item(["raw", "c"], "only", now, null),
        ];
        await ApiCall.RunAsync(mode, "PutRawItems", () => store.PutRawItems(items), () => store.PutRawItemsAsync(items, Token));
        var listed = await ApiCall.RunAsync(mode, "ListRawItems", () => store.ListRawItems().ToList(), () => store.ListRawItemsAsync(Token).ToListAsync(Token).AsTask());

        // The order is the backend's, but each namespace's items come together.
        Assert.Equal(items.Select(Describe).Order(StringComparer.Ordinal), listed.Select(Describe).Order(StringComparer.Ordinal));
        Assert.Equal(3, listed.Select(i => i.Namespace).Distinct().Count());
        Assert.Equal(listed.Count - 1, listed.Zip(listed.Skip(1)).Count(p => p.First.Namespace.Equals(p.Second.Namespace)) + 2);
        return (store, listed);
    }

    private static Task<List<RawItem>> ResumeAsync(ApiMode mode, BaseStore store, StoreNamespace afterNamespace, string afterKey) =>
        ApiCall.RunAsync(
            mode,
            "ListRawItems",
            () => store.ListRawItems(afterNamespace, afterKey).ToList(),
            () => store.ListRawItemsAsync(afterNamespace, afterKey, Token).ToListAsync(Token).AsTask());

    private static RawItem Item(StoreNamespace ns, string key, DateTimeOffset now, DateTimeOffset? expiresAt) =>
        new(ns, key, Json($$"""{"key":"{{key}}"}"""), now - TimeSpan.FromHours(1), now, expiresAt, expiresAt is null ? null : TimeSpan.FromHours(1), []);

    // Item i has i % 3 embedded fields, with vectors of exact float values that differ from item to item.
    private static IEnumerable<FieldEmbedding> Fields(int i) =>
        new[] { "text", "title" }.Take(i % 3).Select((field, f) => new FieldEmbedding(field, [i, f, 0.5f, -i]));

    private static string DescribeEmbeddings(RawItem item) =>
        $"{item.Key}: {string.Join("; ", item.Embeddings.OrderBy(e => e.Field, StringComparer.Ordinal).Select(e => $"{e.Field} {string.Join(",", e.Vector)}"))}";

    private static string Describe(RawItem item) =>
        $"{item.Namespace} {item.Key} {item.Value.ToJsonString()} {item.CreatedAt:O} {item.UpdatedAt:O} {item.ExpiresAt:O} {item.Ttl}";
}
