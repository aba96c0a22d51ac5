using Xunit;
using static Checkpoint.ConformanceSuite.StoreTestData;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Namespace and key rules: writes validate them (typed exception, nothing stored), reads do not (they find nothing),
/// and every other label or key is stored verbatim (contract "Store": namespaces, keys).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class NamespaceValidationTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    [Theory, BothModes]
    public virtual async Task Put_to_an_empty_namespace_throws_and_stores_nothing(ApiMode mode)
    {
        var database = await CreateDatabaseAsync();
        var store = new StoreApi(Track(database.CreateStore(Options(Clock()))), mode);
        await store.SetupAsync();

        await Assert.ThrowsAsync<InvalidNamespaceException>(() => store.PutAsync(StoreNamespace.Empty, "k", Json("{}")));

        Assert.Null(await store.GetAsync(StoreNamespace.Empty, "k"));
        Assert.Empty(await store.SearchAsync(StoreNamespace.Empty));
        Assert.Empty(await store.ListNamespacesAsync());
    }

    [Theory, BothModes]
    public virtual async Task Put_to_an_invalid_namespace_throws_invalid_namespace_exception_and_stores_nothing(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var root = NewNamespace();
        StoreNamespace[] invalid =
        [
            Under(root, ""),
            Under(root, "a", "", "b"),
            Under(root, "a.b"),
            Under(root, "."),
            Under(root, "nul\0label"),
            Under(root, "lone\uD800surrogate"),
            ["langgraph"],
            ["langgraph", root[0]],
        ];

        foreach (var ns in invalid)
        {
            var error = await Assert.ThrowsAsync<InvalidNamespaceException>(() => store.PutAsync(ns, "k", Json("""{"x":1}""")));
            Assert.Equal(ns, error.Namespace);
            Assert.Null(await store.GetAsync(ns, "k"));
        }

        Assert.Empty(await store.SearchAsync(root));
        Assert.Empty(await store.ListNamespacesAsync(prefix: root));
        Assert.Empty(await store.ListNamespacesAsync(prefix: ["langgraph", root[0]]));
    }

    [Theory, BothModes]
    public virtual async Task An_invalid_namespace_in_a_batch_rejects_the_whole_batch(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var root = NewNamespace();

        await Assert.ThrowsAsync<InvalidNamespaceException>(() => store.BatchAsync(
        [
            new PutOperation(Under(root, "valid"), "k", Json("{}")),
            new PutOperation(Under(root, "in.valid"), "k", Json("{}")),
        ]));

        Assert.Null(await store.GetAsync(Under(root, "valid"), "k"));
    }

    [Theory, BothModes]
    public virtual async Task Reads_with_invalid_namespaces_are_not_validated_and_find_nothing(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var root = NewNamespace();
        await store.PutAsync(Under(root, "a", "b"), "k", Json("{}"));

        Assert.Null(await store.GetAsync(Under(root, "a.b"), "k"));
        Assert.Null(await store.GetAsync(Under(root, "a", ""), "k"));
        Assert.Null(await store.GetAsync(Under(root, "a", "b\0"), "k"));
        Assert.Null(await store.GetAsync(["langgraph", root[0]], "k"));
        Assert.Null(await store.GetAsync(StoreNamespace.Empty, "k"));
        Assert.Empty(await store.SearchAsync(Under(root, "a.b")));
        Assert.Empty(await store.SearchAsync(Under(root, "a", "b\0")));
        Assert.Empty(await store.SearchAsync(["langgraph", root[0]]));
        Assert.Empty(await store.ListNamespacesAsync(prefix: Under(root, "a.b")));
        Assert.Empty(await store.ListNamespacesAsync(prefix: Under(root, "a\0")));
        Assert.Null(await store.GetAsync(Under(root, "a", "b\uD800"), "k"));
        Assert.Null(await store.GetAsync(Under(root, "a", "b"), "k\uDFFF"));
        Assert.Empty(await store.SearchAsync(Under(root, "a", "b\uD800")));
        Assert.Empty(await store.ListNamespacesAsync(prefix: Under(root, "a\uD800")));
        Assert.Empty(await store.ListNamespacesAsync(suffix: ["b\0"]));
    }

    [Theory, BothModes]
    public virtual async Task Other_labels_are_stored_verbatim(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var root = NewNamespace();
        string[] labels = ["with space", "slash/label", "colon:label", "emoji 🎉", "quote\"'", "percent%_under", "LANGGRAPH", "langgraph", "*", "back\\slash", "tab\tlabel", "{}[]()", new string('L', 300)];

        foreach (var label in labels)
        {
            await store.PutAsync(Under(root, label), "k", Json($$"""{"label":{{System.Text.Json.JsonSerializer.Serialize(label)}}}"""));
        }

        foreach (var label in labels)
        {
            var item = await store.GetAsync(Under(root, label), "k");
            Assert.NotNull(item);
            Assert.Equal(Under(root, label), item.Namespace);
            Assert.Equal(label, item.Value["label"]!.GetValue<string>());
            Assert.Equal(new[] { Under(root, label) }, (await store.SearchAsync(Under(root, label))).Select(r => r.Namespace));
        }

        Assert.Equal(labels.Order(StringComparer.Ordinal).Select(l => Under(root, l)), await store.ListNamespacesAsync(prefix: root));
    }

    [Theory, BothModes]
    public virtual async Task Put_with_an_empty_key_or_a_key_containing_nul_throws_and_stores_nothing(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "keys");

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.PutAsync(ns, string.Empty, Json("{}")));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.PutAsync(ns, "nul\0key", Json("{}")));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.PutAsync(ns, "lone\uDC00surrogate", Json("{}")));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.BatchAsync([new PutOperation(ns, "valid", Json("{}")), new PutOperation(ns, "\0", Json("{}"))]));

        Assert.Empty(await store.SearchAsync(ns));
        Assert.Null(await store.GetAsync(ns, "nul\0key"));
        Assert.Null(await store.GetAsync(ns, "lone\uDC00surrogate"));
    }

    [Theory, BothModes]
    public virtual async Task Other_keys_are_stored_verbatim(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "keys");
        string[] keys = ["a.b", "a/b", "with space", "%_", "🔑", "'quoted\"", "back\\slash", "*", "$key", new string('k', 1000)];

        await store.BatchAsync([.. keys.Select(k => new PutOperation(ns, k, Json("{}")))]);

        foreach (var key in keys)
        {
            Assert.Equal(key, (await store.GetAsync(ns, key))?.Key);
        }

        StoreAssert.Keys(await store.SearchAsync(ns, limit: 100), [.. keys.Order(StringComparer.Ordinal)]);
    }
}
