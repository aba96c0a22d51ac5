using System.Text.Json.Nodes;
using Checkpoint.Providers;
using Xunit;
using static Checkpoint.ConformanceSuite.StoreTestData;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Search with a query: cosine scores over the indexed fields, the order of scored and unscored items, pagination over
/// that order, which fields are embedded, one embedding call per batch, and re-embedding on overwrite
/// (contract "Store": search with a query, indexing).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class SemanticSearchTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    private const double Tolerance = 1e-6;

    [Theory, BothModes]
    public virtual async Task Results_are_ordered_by_cosine_score_of_the_whole_document(ApiMode mode)
    {
        var embedder = new FakeEmbeddingGenerator();
        var store = CreateStore(mode, Options(Clock(), Index(embedder)));
        var ns = Under(NewNamespace(), "docs");
        var documents = new Dictionary<string, JsonObject>
        {
            ["apple"] = Json("""{"text":"red apple pie with cream"}"""),
            ["pear"] = Json("""{"text":"green pear tart"}"""),
            ["mixed"] = Json("""{"text":"red pear and an apple"}"""),
            ["sky"] = Json("""{"text":"blue sky over the sea"}"""),
        };
        await store.BatchAsync([.. documents.Select(d => new PutOperation(ns, d.Key, d.Value))]);

        var results = await store.SearchAsync(ns, query: "red apple pie");

        Assert.Equal("apple", results[0].Key);
        AssertRanked(results, documents.ToDictionary(d => d.Key, d => (double?)ExpectedScore(embedder, d.Value, [IndexedText.WholeDocument], "red apple pie")));
    }

    [Theory, BothModes]
    public virtual async Task Identical_text_scores_one(ApiMode mode)
    {
        var embedder = new FakeEmbeddingGenerator();
        var store = CreateStore(mode, Options(Clock(), Index(embedder, "text")));
        var ns = Under(NewNamespace(), "docs");
        await store.PutAsync(ns, "exact", Json("""{"text":"the quick brown fox"}"""));

        var result = Assert.Single(await store.SearchAsync(ns, query: "The quick brown FOX!"));

        Assert.Equal(1.0, result.Score!.Value, Tolerance);
    }

    [Theory, BothModes]
    public virtual async Task Store_index_fields_choose_what_is_embedded(ApiMode mode)
    {
        var embedder = new FakeEmbeddingGenerator();
        var store = CreateStore(mode, Options(Clock(), Index(embedder, "title")));
        var ns = Under(NewNamespace(), "docs");
        var titled = Json("""{"title":"rust programming","body":"cooking pasta at home"}""");
        var bodied = Json("""{"title":"cooking pasta at home","body":"rust programming"}""");
        await store.BatchAsync([new PutOperation(ns, "titled", titled), new PutOperation(ns, "bodied", bodied)]);

        var results = await store.SearchAsync(ns, query: "rust programming");

        StoreAssert.Keys(results, "titled", "bodied");
        Assert.Equal(1.0, results[0].Score!.Value, Tolerance);
        Assert.Equal(ExpectedScore(embedder, bodied, ["title"], "rust programming"), results[1].Score!.Value, Tolerance);
    }

    [Theory, BothModes]
    public virtual async Task Per_item_fields_override_the_store_fields(ApiMode mode)
    {
        var embedder = new FakeEmbeddingGenerator();
        var store = CreateStore(mode, Options(Clock(), Index(embedder, "title")));
        var ns = Under(NewNamespace(), "docs");
        var document = Json("""{"title":"cooking pasta at home","body":"rust programming"}""");

        await store.PutAsync(ns, "by-store-fields", document);
        await store.PutAsync(ns, "by-item-fields", document, ItemIndexing.Fields("body"));
        await store.PutAsync(ns, "by-both", document, ItemIndexing.Fields("title", "body"));
        var results = await store.SearchAsync(ns, query: "rust programming");

        StoreAssert.Keys(results, "by-both", "by-item-fields", "by-store-fields");
        Assert.Equal(1.0, results[0].Score!.Value, Tolerance);
        Assert.Equal(1.0, results[1].Score!.Value, Tolerance);
        Assert.Equal(ExpectedScore(embedder, document, ["title"], "rust programming"), results[2].Score!.Value, Tolerance);
    }

    [Theory, BothModes]
    public virtual async Task Array_paths_embed_every_element_or_the_one_indexed(ApiMode mode)
    {
        var embedder = new FakeEmbeddingGenerator();
        var store = CreateStore(mode, Options(Clock(), Index(embedder)));
        var ns = Under(NewNamespace(), "docs");
        var document = Json("""{"tags":["cooking pasta","rust programming","gardening tips"],"other":"noise words here"}""");
        const string Query = "rust programming";

        await store.BatchAsync(
        [
            new PutOperation(ns, "every", document) { Index = ItemIndexing.Fields("tags[*]") },
            new PutOperation(ns, "whole-array", document) { Index = ItemIndexing.Fields("tags") },
            new PutOperation(ns, "first", document) { Index = ItemIndexing.Fields("tags[0]") },
            new PutOperation(ns, "last", document) { Index = ItemIndexing.Fields("tags[-1]") },
            new PutOperation(ns, "second", document) { Index = ItemIndexing.Fields("tags[1]") },
        ]);
        var results = await store.SearchAsync(ns, query: Query);

        var expected = new Dictionary<string, double?>
        {
            ["every"] = ExpectedScore(embedder, document, ["tags[*]"], Query),
            ["whole-array"] = ExpectedScore(embedder, document, ["tags"], Query),
            ["first"] = ExpectedScore(embedder, document, ["tags[0]"], Query),
            ["last"] = ExpectedScore(embedder, document, ["tags[-1]"], Query),
            ["second"] = ExpectedScore(embedder, document, ["tags[1]"], Query),
        };
        Assert.Equal(1.0, expected["every"]!.Value, Tolerance);
        Assert.True(expected["whole-array"] < 0.99, "The whole array is embedded as one text.");
        AssertRanked(results, expected);
    }

    [Theory, BothModes]
    public virtual async Task Items_with_indexing_disabled_are_stored_unscored_and_listed_after_scored_items(ApiMode mode)
    {
        var embedder = new FakeEmbeddingGenerator();
        var clock = Clock();
        var store = CreateStore(mode, Options(clock, Index(embedder, "text")));
        var ns = Under(NewNamespace(), "docs");
        await store.PutAsync(ns, "scored-low", Json("""{"text":"completely unrelated words"}"""));
        clock.Advance(TimeSpan.FromSeconds(1));
        await store.PutAsync(ns, "unscored-old", Json("""{"text":"red apple"}"""), ItemIndexing.Disabled);
        clock.Advance(TimeSpan.FromSeconds(1));
        await store.PutAsync(ns, "scored-high", Json("""{"text":"red apple"}"""));
        clock.Advance(TimeSpan.FromSeconds(1));
        await store.PutAsync(ns, "unscored-new", Json("""{"text":"red apple"}"""), ItemIndexing.Disabled);

        var results = await store.SearchAsync(ns, query: "red apple");
        var unqueried = await store.SearchAsync(ns);

        StoreAssert.Keys(results, "scored-high", "scored-low", "unscored-new", "unscored-old");
        Assert.Equal(1.0, results[0].Score!.Value, Tolerance);
        Assert.NotNull(results[1].Score);
        Assert.Null(results[2].Score);
        Assert.Null(results[3].Score);
        StoreAssert.Keys(unqueried, "unscored-new", "scored-high", "unscored-old", "scored-low");
        StoreAssert.JsonEqual(Json("""{"text":"red apple"}"""), (await store.GetAsync(ns, "unscored-old"))!.Value);
    }

    [Theory, BothModes]
    public virtual async Task Equal_scores_order_like_a_search_without_query(ApiMode mode)
    {
        var embedder = new FakeEmbeddingGenerator();
        var clock = Clock();
        var store = CreateStore(mode, Options(clock, Index(embedder, "text")));
        var root = NewNamespace();
        var same = Json("""{"text":"same words"}""");
        await store.BatchAsync([new PutOperation(Under(root, "b"), "k2", same), new PutOperation(Under(root, "b"), "k1", same), new PutOperation(Under(root, "a"), "k3", same)]);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await store.PutAsync(Under(root, "c"), "newest", same);

        var results = await store.SearchAsync(root, query: "same words");

        StoreAssert.Keys(results, "newest", "k3", "k1", "k2");
        Assert.All(results, r => Assert.Equal(1.0, r.Score!.Value, Tolerance));
    }

    [Theory, BothModes]
    public virtual async Task Offset_and_limit_page_through_scored_then_unscored_items_with_full_pages(ApiMode mode)
    {
        var embedder = new FakeEmbeddingGenerator();
        var clock = Clock();
        var store = CreateStore(mode, Options(clock, Index(embedder, "text")));
        var ns = Under(NewNamespace(), "docs");
        string[] words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"];
        var puts = new List<StoreOperation>();
        for (var i = 0; i < 27; i++)
        {
            var text = string.Join(' ', words.Where((_, w) => ((i + 1) & (1 << (w % 5))) != 0 || w == i % 7));
            puts.Add(new PutOperation(ns, $"doc-{i:D2}", new JsonObject { ["text"] = text }) { Index = i % 6 == 5 ? ItemIndexing.Disabled : null });
        }

        await store.BatchAsync(puts);
        const string Query = "alpha gamma epsilon";
        var all = await store.SearchAsync(ns, query: Query, limit: 100);
        var paged = new List<SearchItem>();
        for (var offset = 0; offset < 27; offset += 4)
        {
            var page = await store.SearchAsync(ns, query: Query, limit: 4, offset: offset);
            Assert.Equal(Math.Min(4, 27 - offset), page.Count);
            paged.AddRange(page);
        }

        Assert.Equal(27, all.Count);
        Assert.Equal(4, all.Count(r => r.Score is null));
        Assert.Equal(all.Select(r => r.Key), paged.Select(r => r.Key));
        for (var i = 0; i < all.Count; i++)
        {
            Assert.Equal(all[i].Score is null, paged[i].Score is null);
            Assert.Equal(all[i].Score ?? 0, paged[i].Score ?? 0, Tolerance);
        }

        var expected = puts.Cast<PutOperation>().ToDictionary(
            p => p.Key,
            p => p.Index == ItemIndexing.Disabled ? null : (double?)ExpectedScore(embedder, p.Value!, ["text"], Query));
        AssertRanked(all, expected);
    }

    [Theory, BothModes]
    public virtual async Task Query_filter_and_prefix_restrict_the_scored_candidates(ApiMode mode)
    {
        var embedder = new FakeEmbeddingGenerator();
        var store = CreateStore(mode, Options(Clock(), Index(embedder, "text")));
        var root = NewNamespace();
        await store.BatchAsync(
        [
            new PutOperation(Under(root, "in"), "best-but-filtered", Json("""{"text":"red apple","kind":"no"}""")),
            new PutOperation(Under(root, "in"), "match", Json("""{"text":"red pear","kind":"yes"}""")),
            new PutOperation(Under(root, "in"), "weaker-match", Json("""{"text":"green pear","kind":"yes"}""")),
            new PutOperation(Under(root, "out"), "outside", Json("""{"text":"red apple","kind":"yes"}""")),
        ]);

        var results = await store.SearchAsync(Under(root, "in"), query: "red apple", filter: new Dictionary<string, JsonNode?> { ["kind"] = "yes" });

        AssertRanked(results, new Dictionary<string, double?>
        {
            ["match"] = ExpectedScore(embedder, Json("""{"text":"red pear"}"""), ["text"], "red apple"),
            ["weaker-match"] = ExpectedScore(embedder, Json("""{"text":"green pear"}"""), ["text"], "red apple"),
        });
    }

    [Theory, BothModes]
    public virtual async Task Query_on_a_store_without_index_is_ignored_as_in_LangGraph(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "docs");
        await store.PutAsync(ns, "a", Json("""{"text":"hello"}"""));
        await store.PutAsync(ns, "b", Json("""{"text":"other"}"""));

        var withQuery = await store.SearchAsync(ns, query: "hello");
        var withoutQuery = await store.SearchAsync(ns);
        var batch = await store.BatchAsync([new PutOperation(ns, "c", Json("{}")), new SearchOperation(ns) { Query = "hello", Limit = 1 }]);

        Assert.Equal(withoutQuery.Select(i => i.Key), withQuery.Select(i => i.Key));
        Assert.All(withQuery, i => Assert.Null(i.Score));
        Assert.Single((IReadOnlyList<SearchItem>)batch[1]!);
        Assert.NotNull(await store.GetAsync(ns, "c"));
    }

    [Theory, BothModes]
    public virtual async Task An_embedder_returning_the_wrong_dimensions_fails_and_stores_nothing(ApiMode mode)
    {
        var embedder = new FakeEmbeddingGenerator(dimensions: 48);
        var index = new StoreIndexOptions { EmbeddingGenerator = embedder, Dimensions = 64 };
        var store = CreateStore(mode, Options(Clock(), index));
        var ns = Under(NewNamespace(), "docs");

        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => store.PutAsync(ns, "k", Json("""{"text":"hello"}""")));
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => store.SearchAsync(ns, query: "hello"));

        Assert.Null(await store.GetAsync(ns, "k"));
    }

    [Theory, BothModes]
    public virtual async Task A_batch_of_puts_calls_the_embedding_generator_once(ApiMode mode)
    {
        var embedder = new FakeEmbeddingGenerator();
        var store = CreateStore(mode, Options(Clock(), Index(embedder, "text", "title")));
        var ns = Under(NewNamespace(), "docs");

        await store.BatchAsync([.. Enumerable.Range(0, 5).Select(i => new PutOperation(ns, $"k{i}", new JsonObject { ["text"] = $"text {i}", ["title"] = $"title {i}" }))]);
        Assert.Equal(1, embedder.Calls);

        await store.PutAsync(ns, "disabled", Json("""{"text":"x"}"""), ItemIndexing.Disabled);
        await store.BatchAsync([new PutOperation(ns, "d1", Json("""{"text":"x"}""")) { Index = ItemIndexing.Disabled }, new PutOperation(ns, "k0", null)]);
        await store.GetAsync(ns, "k1");
        await store.SearchAsync(ns);
        Assert.Equal(1, embedder.Calls);

        await store.SearchAsync(ns, query: "text");
        Assert.Equal(2, embedder.Calls);

        await store.BatchAsync([new PutOperation(ns, "k8", Json("""{"text":"a"}""")), new PutOperation(ns, "k9", Json("""{"title":"b"}"""))]);
        Assert.Equal(3, embedder.Calls);
    }

    [Theory, BothModes]
    public virtual async Task A_batch_of_puts_and_searches_embeds_every_text_with_one_generator_call(ApiMode mode)
    {
        var embedder = new FakeEmbeddingGenerator();
        var store = CreateStore(mode, Options(Clock(), Index(embedder, "text")));
        var ns = Under(NewNamespace(), "docs");

        var results = await store.BatchAsync(
        [
            new PutOperation(ns, "cat", Json("""{"text":"a cat sleeps"}""")),
            new SearchOperation(ns) { Query = "cat" },
            new PutOperation(ns, "dog", Json("""{"text":"a dog barks"}""")),
            new SearchOperation(ns) { Query = "dog" },
        ]);

        Assert.Equal(1, embedder.Calls);
        Assert.Equal("cat", Assert.IsAssignableFrom<IReadOnlyList<SearchItem>>(results[1])[0].Key);
        Assert.Equal(["dog", "cat"], Assert.IsAssignableFrom<IReadOnlyList<SearchItem>>(results[3]).Select(i => i.Key));
    }

    [Theory, BothModes]
    public virtual async Task Overwriting_re_embeds_and_deleting_removes_the_item_from_search(ApiMode mode)
    {
        var embedder = new FakeEmbeddingGenerator();
        var store = CreateStore(mode, Options(Clock(), Index(embedder, "text")));
        var ns = Under(NewNamespace(), "docs");
        await store.PutAsync(ns, "changing", Json("""{"text":"apple pie"}"""));
        await store.PutAsync(ns, "other", Json("""{"text":"banana split"}"""));

        await store.PutAsync(ns, "changing", Json("""{"text":"banana bread"}"""));
        var afterOverwrite = await store.SearchAsync(ns, query: "banana bread");
        await store.PutAsync(ns, "changing", Json("""{"text":"banana bread"}"""), ItemIndexing.Disabled);
        var afterDisabling = await store.SearchAsync(ns, query: "banana bread");
        await store.DeleteAsync(ns, "changing");
        var afterDelete = await store.SearchAsync(ns, query: "banana bread");

        StoreAssert.Keys(afterOverwrite, "changing", "other");
        Assert.Equal(1.0, afterOverwrite[0].Score!.Value, Tolerance);
        StoreAssert.Keys(afterDisabling, "other", "changing");
        Assert.Null(afterDisabling[1].Score);
        StoreAssert.Keys(afterDelete, "other");
    }

    private static double ExpectedScore(FakeEmbeddingGenerator embedder, JsonObject document, IReadOnlyList<string> fields, string query)
    {
        var queryVector = embedder.Embed(query);
        return IndexedText.Extract(document, fields).Max(f => VectorMath.CosineSimilarity(embedder.Embed(f.Value), queryVector));
    }

    // Scores must match, and the order must be by score (highest first) with unscored items last. Items with equal
    // scores were all written at once in one namespace, so they order by key.
    private static void AssertRanked(IReadOnlyList<SearchItem> results, IReadOnlyDictionary<string, double?> expectedScores)
    {
        Assert.Equal(expectedScores.Keys.Order(StringComparer.Ordinal), results.Select(r => r.Key).Order(StringComparer.Ordinal));
        foreach (var result in results)
        {
            var expected = expectedScores[result.Key];
            if (expected is null)
            {
                Assert.Null(result.Score);
            }
            else
            {
                Assert.NotNull(result.Score);
                Assert.Equal(expected.Value, result.Score.Value, Tolerance);
            }
        }

        var expectedOrder = expectedScores
            .OrderBy(p => p.Value is null)
            .ThenByDescending(p => p.Value ?? 0)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key);
        Assert.Equal(expectedOrder, results.Select(r => r.Key));
    }
}
