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
