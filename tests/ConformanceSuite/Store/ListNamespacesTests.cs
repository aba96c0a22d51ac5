using Xunit;
using static Checkpoint.ConformanceSuite.StoreTestData;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Listing namespaces: prefix and suffix conditions with <c>*</c> wildcards, truncation to a maximum depth with
/// de-duplication, ordering by path, pagination, and only namespaces that hold live items
/// (contract "Store": list namespaces).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class ListNamespacesTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    [Theory, BothModes]
    public virtual async Task Prefix_lists_the_namespaces_under_it_ordered_by_path(ApiMode mode)
    {
        var (store, root) = await PutTreeAsync(mode);

        var listed = await store.ListNamespacesAsync(prefix: Under(root, "a"));

        AssertNamespaces(root, listed, "a", "a.b", "a.b.d", "a.c");
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: root), "B", "a", "a-b", "a.b", "a.b.d", "a.c", "x.b");
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: Under(root, "a", "b", "d", "e")));
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: Under(root, "a", "")));
    }

    [Theory, BothModes]
    public virtual async Task Suffix_lists_the_namespaces_ending_with_it(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var root = NewNamespace();
        var unique = "suffix-" + Guid.NewGuid().ToString("N");
        await store.BatchAsync(
        [
            new PutOperation(Under(root, "one", unique), "k", Json("{}")),
            new PutOperation(Under(root, "two", "deep", unique), "k", Json("{}")),
            new PutOperation(Under(root, unique, "not-last"), "k", Json("{}")),
        ]);

        AssertNamespaces(root, await store.ListNamespacesAsync(suffix: [unique]), $"one.{unique}", $"two.deep.{unique}");
        AssertNamespaces(root, await store.ListNamespacesAsync(suffix: ["deep", unique]), $"two.deep.{unique}");
        AssertNamespaces(root, await store.ListNamespacesAsync(suffix: [root[0], "one", unique]), $"one.{unique}");
    }

    [Theory, BothModes]
    public virtual async Task Wildcards_match_exactly_one_label_in_prefix_and_suffix(ApiMode mode)
    {
        var (store, root) = await PutTreeAsync(mode);

        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: Under(root, "*", "b")), "a.b", "a.b.d", "x.b");
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: Under(root, "*")), "B", "a", "a-b", "a.b", "a.b.d", "a.c", "x.b");
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: Under(root, "*", "*", "*")), "a.b.d");
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: root, suffix: ["*", "b"]), "a.b", "x.b");
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: root, suffix: ["b", "*"]), "a.b.d");
    }

    [Theory, BothModes]
    public virtual async Task Prefix_and_suffix_must_both_hold(ApiMode mode)
    {
        var (store, root) = await PutTreeAsync(mode);

        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: Under(root, "a"), suffix: ["b"]), "a.b");
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: Under(root, "a"), suffix: ["d"]), "a.b.d");
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: Under(root, "x"), suffix: ["c"]));
    }

    [Theory, BothModes]
    public virtual async Task Max_depth_truncates_namespaces_and_removes_duplicates(ApiMode mode)
    {
        var (store, root) = await PutTreeAsync(mode);

        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: root, maxDepth: 2), "B", "a", "a-b", "x");
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: root, maxDepth: 3), "B", "a", "a-b", "a.b", "a.c", "x.b");
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: root, maxDepth: 1), string.Empty);
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: Under(root, "a"), maxDepth: 3, limit: 2, offset: 1), "a.b", "a.c");
    }

    [Theory, BothModes]
    public virtual async Task Limit_and_offset_page_through_the_ordered_namespaces(ApiMode mode)
    {
        var (store, root) = await PutTreeAsync(mode);
        var all = await store.ListNamespacesAsync(prefix: root);

        var pages = new List<StoreNamespace>();
        for (var offset = 0; offset < 9; offset += 3)
        {
            var page = await store.ListNamespacesAsync(prefix: root, limit: 3, offset: offset);
            Assert.Equal(Math.Clamp(all.Count - offset, 0, 3), page.Count);
            pages.AddRange(page);
        }

        Assert.Equal(7, all.Count);
        Assert.Equal(all, pages);
        Assert.Empty(await store.ListNamespacesAsync(prefix: root, limit: 0));
        Assert.Empty(await store.ListNamespacesAsync(prefix: root, offset: 7));
    }

    [Theory, BothModes]
    public virtual async Task Default_limit_is_one_hundred(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var root = NewNamespace();
        await store.BatchAsync([.. Enumerable.Range(0, 105).Select(i => new PutOperation(Under(root, $"n{i:D3}"), "k", Json("{}")))]);

        var listed = await store.ListNamespacesAsync(prefix: root);

        Assert.Equal(Enumerable.Range(0, 100).Select(i => Under(root, $"n{i:D3}")), listed);
    }

    [Theory, BothModes]
    public virtual async Task Negative_limit_offset_or_non_positive_max_depth_throws_argument_exception(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var root = NewNamespace();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ListNamespacesAsync(prefix: root, limit: -1));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ListNamespacesAsync(prefix: root, offset: -1));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ListNamespacesAsync(prefix: root, maxDepth: 0));
    }

    [Theory, BothModes]
    public virtual async Task Only_namespaces_holding_live_items_are_listed(ApiMode mode)
    {
        var clock = Clock();
        var store = CreateStore(mode, Options(clock));
        var root = NewNamespace();
        await store.PutAsync(Under(root, "kept"), "k", Json("{}"));
        await store.PutAsync(Under(root, "deleted"), "k", Json("{}"));
        await store.PutAsync(Under(root, "expiring"), "k", Json("{}"), ttl: TimeSpan.FromMinutes(1));
        await store.PutAsync(Under(root, "parent", "child"), "k", Json("{}"));

        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: root), "deleted", "expiring", "kept", "parent.child");

        await store.DeleteAsync(Under(root, "deleted"), "k");
        clock.Advance(TimeSpan.FromMinutes(1));

        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: root), "kept", "parent.child");
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: root, maxDepth: 2), "kept", "parent");
    }

    [Theory, BothModes]
    public virtual async Task A_namespace_leaves_the_listing_with_its_last_item_and_returns_when_put_again(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var root = NewNamespace();
        await store.PutAsync(Under(root, "a"), "k", Json("{}"));
        await store.PutAsync(Under(root, "b", "x"), "k1", Json("{}"));
        await store.PutAsync(Under(root, "b", "x"), "k2", Json("{}"));
        await store.PutAsync(Under(root, "c"), "k", Json("{}"));

        await store.DeleteAsync(Under(root, "b", "x"), "k1");
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: root), "a", "b.x", "c");

        await store.DeleteAsync(Under(root, "b", "x"), "k2");
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: root), "a", "c");
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: root, maxDepth: 2), "a", "c");
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: root, limit: 1, offset: 1), "c");

        await store.PutAsync(Under(root, "b", "x"), "k3", Json("{}"));
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: root), "a", "b.x", "c");
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: root, maxDepth: 2), "a", "b", "c");
    }

    [Theory, BothModes]
    public virtual async Task A_namespace_whose_items_all_expired_is_not_listed_before_or_after_the_sweep(ApiMode mode)
    {
        var clock = Clock();
        var store = CreateStore(mode, Options(clock));
        var root = NewNamespace();
        await store.PutAsync(Under(root, "a"), "k", Json("{}"), ttl: TimeSpan.FromMinutes(1));
        await store.PutAsync(Under(root, "a"), "k2", Json("{}"), ttl: TimeSpan.FromMinutes(1));
        await store.PutAsync(Under(root, "b"), "k", Json("{}"));
        await store.PutAsync(Under(root, "c"), "expiring", Json("{}"), ttl: TimeSpan.FromMinutes(1));
        await store.PutAsync(Under(root, "c"), "kept", Json("{}"));
        await store.PutAsync(Under(root, "d", "e"), "k", Json("{}"), ttl: TimeSpan.FromMinutes(1));

        clock.Advance(TimeSpan.FromMinutes(1));
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: root), "b", "c");
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: root, maxDepth: 2), "b", "c");
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: root, limit: 1), "b");

        await store.SweepExpiredAsync();
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: root), "b", "c");

        await store.PutAsync(Under(root, "a"), "k", Json("{}"), ttl: TimeSpan.FromMinutes(1));
        await store.PutAsync(Under(root, "d", "e"), "k", Json("{}"));
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: root), "a", "b", "c", "d.e");
    }

    [Theory, BothModes]
    public virtual async Task Concurrent_puts_of_a_new_namespace_list_it_once_and_concurrent_deletes_remove_it(ApiMode mode)
    {
        var root = NewNamespace();
        var stores = Enumerable.Range(0, 4).Select(_ => CreateStore(mode, Options(Clock()))).ToList();
        var keys = Enumerable.Range(0, 16).Select(i => $"k{i}").ToList();

        await Task.WhenAll(keys.Select((key, i) => Task.Run(() => stores[i % stores.Count].PutAsync(Under(root, "new"), key, Json("{}")))));
        AssertNamespaces(root, await stores[0].ListNamespacesAsync(prefix: root), "new");
        AssertNamespaces(root, await stores[1].ListNamespacesAsync(prefix: root, maxDepth: 1), string.Empty);

        await Task.WhenAll(keys.Select((key, i) => Task.Run(() => stores[i % stores.Count].DeleteAsync(Under(root, "new"), key))));
        AssertNamespaces(root, await stores[2].ListNamespacesAsync(prefix: root));
    }

    [Theory, BothModes]
    public virtual async Task Max_depth_keeps_a_subtree_whose_first_namespace_misses_the_suffix(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var root = NewNamespace();
        await store.BatchAsync(
        [
            new PutOperation(Under(root, "a", "y"), "k", Json("{}")),
            new PutOperation(Under(root, "a", "z", "x"), "k", Json("{}")),
            new PutOperation(Under(root, "a", "zz", "x"), "k", Json("{}")),
            new PutOperation(Under(root, "b", "x"), "k", Json("{}")),
            new PutOperation(Under(root, "c", "y"), "k", Json("{}")),
        ]);

        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: root, suffix: ["x"], maxDepth: 2), "a", "b");
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: root, suffix: ["x"], maxDepth: 3), "a.z", "a.zz", "b.x");
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: root, suffix: ["x"], maxDepth: 3, limit: 1, offset: 1), "a.zz");
    }

    [Theory, BothModes]
    public virtual async Task Limit_and_offset_count_matching_namespaces_only(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var root = NewNamespace();
        await store.BatchAsync([.. new[] { "n0.x", "n1.y", "n2.x", "n3.y", "n4.x" }.Select(path => new PutOperation(Under(root, path.Split('.')), "k", Json("{}")))]);

        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: root, suffix: ["x"], limit: 1, offset: 1), "n2.x");
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: Under(root, "*", "y"), limit: 5), "n1.y", "n3.y");
        AssertNamespaces(root, await store.ListNamespacesAsync(prefix: root, suffix: ["x"], offset: 2), "n4.x");
    }

    private async Task<(StoreApi Store, StoreNamespace Root)> PutTreeAsync(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var root = NewNamespace();

        // Paths order by labels joined with '.': "a" < "a-b" < "a.b" because '-' < '.'; "B" < "a" ordinally.
        await store.BatchAsync(
        [
            new PutOperation(Under(root, "a", "b"), "k1", Json("{}")),
            new PutOperation(Under(root, "a", "b"), "k2", Json("{}")),
            new PutOperation(Under(root, "a", "c"), "k", Json("{}")),
            new PutOperation(Under(root, "x", "b"), "k", Json("{}")),
            new PutOperation(Under(root, "a", "b", "d"), "k", Json("{}")),
            new PutOperation(Under(root, "a"), "k", Json("{}")),
            new PutOperation(Under(root, "a-b"), "k", Json("{}")),
            new PutOperation(Under(root, "B"), "k", Json("{}")),
        ]);
        return (store, root);
    }

    // Expected namespaces are written relative to the test's root, labels joined with '.'; "" is the root itself.
    private static void AssertNamespaces(StoreNamespace root, IReadOnlyList<StoreNamespace> actual, params string[] expected) =>
        Assert.Equal(
            expected.Select(path => path.Length == 0 ? root : Under(root, path.Split('.'))),
            actual);
}
