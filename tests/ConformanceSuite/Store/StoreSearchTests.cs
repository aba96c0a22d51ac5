using System.Text.Json.Nodes;
using Xunit;
using static Checkpoint.ConformanceSuite.StoreTestData;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Search without a query: label-wise namespace prefixes, the deterministic order (newest update first, then
/// namespace path, then key, ordinal), pagination with limit and offset, and filters combined with prefixes
/// (contract "Store": search).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class StoreSearchTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    [Theory, BothModes]
    public virtual async Task Namespace_prefix_matches_whole_labels(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var root = NewNamespace();
        await store.BatchAsync(
        [
            new PutOperation(Under(root, "a", "b", "c"), "abc", Json("{}")),
            new PutOperation(Under(root, "a", "bc"), "abc2", Json("{}")),
            new PutOperation(Under(root, "a", "b"), "ab", Json("{}")),
            new PutOperation(Under(root, "ab"), "ab2", Json("{}")),
            new PutOperation(Under(root, "a"), "a", Json("{}")),
        ]);

        StoreAssert.Keys(await store.SearchAsync(Under(root, "a", "b")), "ab", "abc");
        StoreAssert.Keys(await store.SearchAsync(Under(root, "a", "b", "c")), "abc");
        StoreAssert.Keys(await store.SearchAsync(Under(root, "a")), "a", "ab", "abc", "abc2");
        StoreAssert.Keys(await store.SearchAsync(Under(root, "a", "b", "c", "d")));
        StoreAssert.Keys(await store.SearchAsync(Under(root, "a", "b.c")));
        StoreAssert.Keys(await store.SearchAsync(Under(root, "a", "")));
        StoreAssert.Keys(await store.SearchAsync(root), "a", "ab", "abc", "abc2", "ab2");
    }

    [Theory, BothModes]
    public virtual async Task Empty_prefix_searches_every_namespace(ApiMode mode)
    {
        var database = await CreateDatabaseAsync();
        var store = new StoreApi(Track(database.CreateStore(Options(Clock()))), mode);
        await store.SetupAsync();
        await store.BatchAsync(
        [
            new PutOperation(["x"], "1", Json("{}")),
            new PutOperation(["y", "z"], "2", Json("{}")),
            new PutOperation(["a", "b", "c"], "3", Json("{}")),
        ]);

        var results = await store.SearchAsync(StoreNamespace.Empty, limit: 100);

        Assert.Equal(new[] { "3", "1", "2" }, results.Select(r => r.Key));
        Assert.Equal(new StoreNamespace[] { ["a", "b", "c"], ["x"], ["y", "z"] }, results.Select(r => r.Namespace));
    }

    [Theory, BothModes]
    public virtual async Task Results_carry_every_item_field_and_no_score(ApiMode mode)
    {
        var clock = Clock();
        var store = CreateStore(mode, Options(clock));
        var ns = Under(NewNamespace(), "fields");
        await store.PutAsync(ns, "k", Json("""{"a":[1,{"b":null}]}"""));
        var created = Millis(clock.GetUtcNow());
        clock.Advance(TimeSpan.FromSeconds(1.5));
        await store.PutAsync(ns, "k", Json("""{"a":2}"""));

        var result = Assert.Single(await store.SearchAsync(ns));

        StoreAssert.Item(ns, "k", Json("""{"a":2}"""), created, Millis(clock.GetUtcNow()), result);
        Assert.Null(result.Score);
    }

    [Theory, BothModes]
    public virtual async Task Results_are_ordered_by_update_time_descending(ApiMode mode)
    {
        var clock = Clock();
        var store = CreateStore(mode, Options(clock));
        var ns = Under(NewNamespace(), "order");
        foreach (var key in new[] { "b", "c", "a", "d" })
        {
            await store.PutAsync(ns, key, Json($$"""{"key":"{{key}}"}"""));
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        StoreAssert.Keys(await store.SearchAsync(ns), "d", "a", "c", "b");

        await store.PutAsync(ns, "c", Json("""{"key":"c","again":true}"""));

        StoreAssert.Keys(await store.SearchAsync(ns), "c", "d", "a", "b");
    }

    [Theory, BothModes]
    public virtual async Task Ties_order_by_namespace_path_then_key_ordinally(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var root = NewNamespace();

        // Paths join labels with '.': "root.a-b" sorts before "root.a.z" because '-' < '.', although label by label
        // "a" would sort before "a-b". Keys are ordinal: "B" < "_" < "a" < "aa".
        await store.BatchAsync(
        [
            new PutOperation(Under(root, "a", "z"), "a", Json("{}")),
            new PutOperation(Under(root, "a-b"), "aa", Json("{}")),
            new PutOperation(Under(root, "a-b"), "a", Json("{}")),
            new PutOperation(Under(root, "a-b"), "_", Json("{}")),
            new PutOperation(Under(root, "a-b"), "B", Json("{}")),
            new PutOperation(Under(root, "B"), "z", Json("{}")),
        ]);

        var results = await store.SearchAsync(root, limit: 100);

        Assert.Equal(
            ["B/z", "a-b/B", "a-b/_", "a-b/a", "a-b/aa", "a.z/a"],
            results.Select(r => string.Join('.', r.Namespace.Skip(1)) + "/" + r.Key));
    }

    [Theory, BothModes]
    public virtual async Task Limit_and_offset_page_through_every_item_exactly_once(ApiMode mode)
    {
        var clock = Clock();
        var store = CreateStore(mode, Options(clock));
        var root = NewNamespace();
        var puts = new List<StoreOperation>();
        for (var i = 0; i < 23; i++)
        {
            puts.Add(new PutOperation(Under(root, $"ns{i % 3}"), $"key-{i:D2}", Json($$"""{"i":{{i}}}""")));
        }

        await store.BatchAsync(puts[..12]);
        clock.Advance(TimeSpan.FromSeconds(1));
        await store.BatchAsync(puts[12..]);
        var all = await store.SearchAsync(root, limit: 100);

        var paged = new List<SearchItem>();
        for (var offset = 0; offset < 30; offset += 5)
        {
            var page = await store.SearchAsync(root, limit: 5, offset: offset);
            Assert.Equal(Math.Clamp(23 - offset, 0, 5), page.Count);
            paged.AddRange(page);
        }

        Assert.Equal(23, all.Count);
        Assert.Equal(all.Select(r => (r.Namespace, r.Key)), paged.Select(r => (r.Namespace, r.Key)));
        Assert.Equal(23, paged.Select(r => (r.Namespace, r.Key)).Distinct().Count());
    }

    [Theory, BothModes]
    public virtual async Task Default_limit_is_ten(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "many");
        await store.BatchAsync([.. Enumerable.Range(0, 12).Select(i => new PutOperation(ns, $"k{i:D2}", Json("{}")))]);

        StoreAssert.Keys(await store.SearchAsync(ns), [.. Enumerable.Range(0, 10).Select(i => $"k{i:D2}")]);
    }

    [Theory, BothModes]
    public virtual async Task Limit_zero_returns_nothing(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "a");
        await store.PutAsync(ns, "k", Json("{}"));

        Assert.Empty(await store.SearchAsync(ns, limit: 0));
        Assert.Empty(await store.SearchAsync(ns, offset: 1));
    }

    [Theory, BothModes]
    public virtual async Task Negative_limit_or_offset_throws_argument_exception(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "a");

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SearchAsync(ns, limit: -1));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SearchAsync(ns, offset: -1));
    }

    [Theory, BothModes]
    public virtual async Task Filter_applies_within_the_prefix(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var root = NewNamespace();
        await store.BatchAsync(
        [
            new PutOperation(Under(root, "in"), "match", Json("""{"kind":"x","n":5}""")),
            new PutOperation(Under(root, "in", "deeper"), "match-deep", Json("""{"kind":"x","n":7}""")),
            new PutOperation(Under(root, "in"), "wrong-kind", Json("""{"kind":"y","n":5}""")),
            new PutOperation(Under(root, "out"), "outside", Json("""{"kind":"x","n":5}""")),
        ]);
        var filter = new Dictionary<string, JsonNode?> { ["kind"] = "x", ["n"] = JsonNode.Parse("""{"$gte":5}""") };

        StoreAssert.Keys(await store.SearchAsync(Under(root, "in"), filter: filter), "match", "match-deep");
        StoreAssert.Keys(await store.SearchAsync(Under(root, "in"), filter: filter, limit: 1, offset: 1), "match-deep");
        StoreAssert.Keys(await store.SearchAsync(root, filter: filter), "match", "match-deep", "outside");
    }
}
