using System.Text.Json;
using System.Text.Json.Nodes;
using Checkpoint.Providers;
using Xunit;
using static Checkpoint.ConformanceSuite.StoreTestData;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Store items whose stored document was damaged outside the library, planted with raw database access
/// (<see cref="StoredDataEditor.TryReplaceItemDocumentAsync"/>): a read that would return one throws
/// <see cref="CorruptItemException"/> naming its namespace and key, and nothing else is affected (contract "Store",
/// damaged items).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class DamagedItemTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    private const string Malformed = "{\"kind\": ";

    /// <summary>Gets every damage with every mode: malformed JSON, then JSON that is not an object.</summary>
    public static TheoryData<ApiMode, string> Damages
    {
        get
        {
            var data = new TheoryData<ApiMode, string>();
            foreach (var mode in new[] { ApiMode.Sync, ApiMode.Async })
            {
                foreach (var damage in new[] { Malformed, "[1, 2]", "\"just text\"", "42", "null" })
                {
                    data.Add(mode, damage);
                }
            }

            return data;
        }
    }

    [Theory, MemberData(nameof(Damages))]
    public virtual async Task Get_of_a_damaged_item_throws_naming_it_and_the_item_can_be_deleted(ApiMode mode, string damage)
    {
        var (store, _, ns) = await PlantAsync(mode, damage, "a", "b");

        var e = await Assert.ThrowsAsync<CorruptItemException>(() => store.GetAsync(ns, "b"));

        AssertNames(e, ns, "b", damage);
        Assert.Equal("keep", (string?)(await store.GetAsync(ns, "a"))!.Value["kind"]);
        Assert.Equal([ns], await store.ListNamespacesAsync(prefix: ns));
        await store.DeleteAsync(ns, "b");
        Assert.Null(await store.GetAsync(ns, "b"));
        Assert.Equal(["a"], (await store.SearchAsync(ns)).Select(i => i.Key));
    }

    [Theory, MemberData(nameof(Damages))]
    public virtual async Task A_search_whose_page_holds_a_damaged_item_throws_naming_it_and_other_pages_read_on(ApiMode mode, string damage)
    {
        // Newest first: c, b (damaged), a.
        var (store, _, ns) = await PlantAsync(mode, damage, "a", "b", "c");
        var sibling = Under([ns[0]], "sibling");
        await store.PutAsync(sibling, "s", Json("""{"kind":"keep"}"""));

        AssertNames(await Assert.ThrowsAsync<CorruptItemException>(() => store.SearchAsync(ns)), ns, "b", damage);
        AssertNames(await Assert.ThrowsAsync<CorruptItemException>(() => store.SearchAsync(ns, offset: 1, limit: 1)), ns, "b", damage);

        // A damaged document passes every filter: its fields cannot show that it does not match.
        AssertNames(await Assert.ThrowsAsync<CorruptItemException>(() => store.SearchAsync(ns, filter: Filter("kind", "keep"))), ns, "b", damage);
        AssertNames(await Assert.ThrowsAsync<CorruptItemException>(() => store.SearchAsync(ns, filter: Filter("kind", "other"))), ns, "b", damage);

        Assert.Equal(["c"], (await store.SearchAsync(ns, limit: 1)).Select(i => i.Key));
        Assert.Equal(["a"], (await store.SearchAsync(ns, offset: 2)).Select(i => i.Key));
        Assert.Equal(["s"], (await store.SearchAsync(sibling)).Select(i => i.Key));
    }

    [Theory, MemberData(nameof(Damages))]
    public virtual async Task A_semantic_search_whose_page_holds_a_damaged_item_throws_naming_it(ApiMode mode, string damage)
    {
        var embedder = new FakeEmbeddingGenerator();
        var (store, _, ns) = await PlantAsync(mode, damage, Index(embedder, "kind"), "a", "b");

        AssertNames(await Assert.ThrowsAsync<CorruptItemException>(() => store.SearchAsync(ns, query: "keep")), ns, "b", damage);
        AssertNames(await Assert.ThrowsAsync<CorruptItemException>(() => store.SearchAsync(ns, query: "keep", filter: Filter("kind", "keep"))), ns, "b", damage);
    }

    private static Dictionary<string, JsonNode?> Filter(string field, string value) => new() { [field] = value };

    private static void AssertNames(CorruptItemException e, StoreNamespace ns, string key, string damage)
    {
        Assert.Equal(ns, e.Namespace);
        Assert.Equal(key, e.Key);
        Assert.Contains($"'{key}'", e.Message, StringComparison.Ordinal);
        Assert.Contains(ns.ToString(), e.Message, StringComparison.Ordinal);
        if (damage == Malformed)
        {
            Assert.IsAssignableFrom<JsonException>(e.InnerException);
        }
        else
        {
            Assert.Contains("not a JSON object", e.Problem, StringComparison.Ordinal);
        }
    }

    private Task<(StoreApi Store, StoredDataEditor Editor, StoreNamespace Namespace)> PlantAsync(ApiMode mode, string damage, params string[] keys) =>
        PlantAsync(mode, damage, null, keys);

    // Puts {"kind":"keep"} under each key, a second apart, then damages the second key's document ("b").
    private async Task<(StoreApi Store, StoredDataEditor Editor, StoreNamespace Namespace)> PlantAsync(ApiMode mode, string damage, StoreIndexOptions? index, params string[] keys)
    {
        TestStore.EnsureAvailable();
        var editor = TestStore.Editor;
        Assert.SkipWhen(editor is null, $"{TestStore.BackendName} gives the kit no raw access to its data.");
        var clock = Clock();
        var store = CreateStore(mode, Options(clock, index));
        var ns = Under(NewNamespace(), "items");
        foreach (var key in keys)
        {
            await store.PutAsync(ns, key, Json("""{"kind":"keep"}"""));
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.SkipUnless(await editor.TryReplaceItemDocumentAsync(ns, keys[1], damage), $"{TestStore.BackendName} cannot hold {damage} as an item document.");
        return (store, editor, ns);
    }
}
