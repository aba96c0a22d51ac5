using System.Text.Json.Nodes;
using Xunit;
using static Checkpoint.ConformanceSuite.CodePointStrings;
using static Checkpoint.ConformanceSuite.StoreTestData;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// One string order for keys, namespaces and string filters: Unicode code point order, with strings that sort
/// differently by UTF-16 code unit (contract "Store": search, list namespaces, filter).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class StoreStringOrderTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    [Theory, BothModes]
    public virtual async Task Search_ties_order_keys_by_code_point_and_pages_follow_that_order(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "keys");
        await store.BatchAsync([.. Shuffled.Select(key => new PutOperation(ns, key, Json("{}")))]);

        Assert.Equal(InCodePointOrder, (await store.SearchAsync(ns, limit: 100)).Select(r => r.Key));
        Assert.Equal(InCodePointOrder.Skip(1).Take(2), (await store.SearchAsync(ns, limit: 2, offset: 1)).Select(r => r.Key));
        Assert.Equal(InCodePointOrder.Skip(3), (await store.SearchAsync(ns, limit: 5, offset: 3)).Select(r => r.Key));
    }

    [Theory, BothModes]
    public virtual async Task Search_ties_order_namespaces_by_code_point(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var root = NewNamespace();
        await store.BatchAsync([.. Shuffled.Select(label => new PutOperation(Under(root, label), "k", Json("{}")))]);

        var results = await store.SearchAsync(root, limit: 100);

        Assert.Equal(InCodePointOrder.Select(label => Under(root, label)), results.Select(r => r.Namespace));
    }

    [Theory, BothModes]
    public virtual async Task List_namespaces_orders_paths_by_code_point(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var root = NewNamespace();
        await store.BatchAsync([.. Shuffled.Select(label => new PutOperation(Under(root, label, "leaf"), "k", Json("{}")))]);

        Assert.Equal(InCodePointOrder.Select(label => Under(root, label, "leaf")), await store.ListNamespacesAsync(prefix: root));
        Assert.Equal(InCodePointOrder.Select(label => Under(root, label)), await store.ListNamespacesAsync(prefix: root, maxDepth: 2));
        Assert.Equal(InCodePointOrder.Skip(2).Take(2).Select(label => Under(root, label)), await store.ListNamespacesAsync(prefix: root, maxDepth: 2, limit: 2, offset: 2));
    }

    [Theory, BothModes]
    public virtual async Task Range_filters_compare_strings_by_code_point(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "ranges");

        // Keys k0..k4 hold the strings in code point order; equal write times order results by key.
        await store.BatchAsync([.. InCodePointOrder.Select((s, i) => new PutOperation(ns, $"k{i}", new JsonObject { ["s"] = s }))]);

        await AssertKeysAsync(store, ns, new JsonObject { ["$gt"] = Replacement }, "k3", "k4");
        await AssertKeysAsync(store, ns, new JsonObject { ["$lt"] = FirstSupplementary }, "k0", "k1", "k2");
        await AssertKeysAsync(store, ns, new JsonObject { ["$gte"] = PrivateUse, ["$lt"] = Emoji }, "k1", "k2", "k3");
        await AssertKeysAsync(store, ns, new JsonObject { ["$lte"] = PrivateUse }, "k0", "k1");
        await AssertKeysAsync(store, ns, new JsonObject { ["$gt"] = "\uD7FF" }, "k1", "k2", "k3", "k4");
    }

    [Theory, BothModes]
    public virtual async Task Keys_and_labels_above_the_basic_plane_round_trip_exactly(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), Emoji, PrivateUse);
        await store.PutAsync(ns, FirstSupplementary + Replacement, Json("""{"v":1}"""));

        var item = await store.GetAsync(ns, FirstSupplementary + Replacement);

        Assert.NotNull(item);
        Assert.Equal(ns, item.Namespace);
        Assert.Null(await store.GetAsync(ns, Replacement + FirstSupplementary));
        Assert.Equal([ns], await store.ListNamespacesAsync(prefix: ns, suffix: [Emoji, PrivateUse]));
    }

    private static async Task AssertKeysAsync(StoreApi store, StoreNamespace ns, JsonObject condition, params string[] expected)
    {
        var results = await store.SearchAsync(ns, filter: new Dictionary<string, JsonNode?> { ["s"] = condition }, limit: 100);
        Assert.True(expected.SequenceEqual(results.Select(r => r.Key)), $"Filter {condition.ToJsonString()} matched [{string.Join(", ", results.Select(r => r.Key))}], expected [{string.Join(", ", expected)}].");
    }
}
