using System.Text.Json.Nodes;
using Xunit;
using static Checkpoint.ConformanceSuite.StoreTestData;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Search filters: every operator on numbers and strings, numbers compared as numbers, strings by code point, nested
/// paths, deep equality of objects and arrays, and malformed filters rejected before anything runs
/// (contract "Store": filter).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class StoreFilterTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    // Every document is written at the same instant, so results order by key: k01 ... k10.
    private static readonly string[] Documents =
    [
        """{"n":9,   "s":"apple",  "kind":"a", "nested":{"level":1,"name":"x"}, "tags":["a","b"], "obj":{"x":1,"y":2}}""",
        """{"n":10,  "s":"B",      "kind":"a", "nested":{"level":2,"name":"y"}, "tags":["b","a"], "obj":{"x":1}}""",
        """{"n":2.5, "s":"apples", "kind":"b", "nested":{"level":3},            "tags":[],        "obj":{"y":2,"x":1.0}}""",
        """{"n":1,   "s":"é",      "kind":"b", "nested":{"level":10,"name":"x"}}""",
        """{"n":"9", "s":5,        "kind":"c"}""",
        """{"n":-3,  "s":"Apple",  "nested":"flat"}""",
        """{"n":100, "s":"z",      "kind":null, "nested":{"level":1.0}}""",
        """{"n":1.0, "s":"a"}""",
        """{"n":1e2, "s":true}""",
        """{"s":"x", "kind":"a"}""",
    ];

    [Theory, BothModes]
    public virtual async Task Plain_values_and_eq_match_equal_strings_and_numbers(ApiMode mode)
    {
        var (store, ns) = await PutDocumentsAsync(mode);

        await AssertMatchesAsync(store, ns, """{"kind":"a"}""", "k01", "k02", "k10");
        await AssertMatchesAsync(store, ns, """{"kind":{"$eq":"a"}}""", "k01", "k02", "k10");
        await AssertMatchesAsync(store, ns, """{"n":9}""", "k01");
        await AssertMatchesAsync(store, ns, """{"n":"9"}""", "k05");
        await AssertMatchesAsync(store, ns, """{"s":5}""", "k05");
        await AssertMatchesAsync(store, ns, """{"s":true}""", "k09");
        await AssertMatchesAsync(store, ns, """{"kind":"missing-value"}""");
    }

    [Theory, BothModes]
    public virtual async Task Numbers_are_equal_by_value(ApiMode mode)
    {
        var (store, ns) = await PutDocumentsAsync(mode);

        await AssertMatchesAsync(store, ns, """{"n":1}""", "k04", "k08");
        await AssertMatchesAsync(store, ns, """{"n":1.0}""", "k04", "k08");
        await AssertMatchesAsync(store, ns, """{"n":{"$eq":1.00}}""", "k04", "k08");
        await AssertMatchesAsync(store, ns, """{"n":100}""", "k07", "k09");
        await AssertMatchesAsync(store, ns, """{"n":{"$eq":1e2}}""", "k07", "k09");
        await AssertMatchesAsync(store, ns, """{"n":{"$gte":1,"$lte":1.0}}""", "k04", "k08");
    }

    [Theory, BothModes]
    public virtual async Task Integers_beyond_double_precision_are_equal_only_to_themselves(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "filters");
        await store.BatchAsync(
        [
            new PutOperation(ns, "k1", Json("""{"big": 9007199254740993}""")),
            new PutOperation(ns, "k2", Json("""{"big": 9007199254740992}""")),
            new PutOperation(ns, "k3", Json("""{"big": 9223372036854775807}""")),
            new PutOperation(ns, "k4", Json("""{"big": 123456789012345678901234567890}""")),
        ]);

        await AssertMatchesAsync(store, ns, """{"big": 9007199254740993}""", "k1");
        await AssertMatchesAsync(store, ns, """{"big": {"$eq": 9007199254740992}}""", "k2");
        await AssertMatchesAsync(store, ns, """{"big": 9007199254740993.0}""", "k1");
        await AssertMatchesAsync(store, ns, """{"big": 9223372036854775807}""", "k3");
        await AssertMatchesAsync(store, ns, """{"big": 123456789012345678901234567890}""", "k4");
        await AssertMatchesAsync(store, ns, """{"big": {"$ne": 9007199254740993}}""", "k2", "k3", "k4");
        await AssertMatchesAsync(store, ns, """{"big": {"$gt": 9007199254740992, "$lt": 9007199254740994}}""", "k1");
    }

    [Theory, BothModes]
    public virtual async Task Text_with_an_unpaired_surrogate_is_refused_in_filters_and_values(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "filters");

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SearchAsync(ns, filter: new Dictionary<string, JsonNode?> { ["a\ud800b"] = 1 }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SearchAsync(ns, filter: new Dictionary<string, JsonNode?> { ["a"] = "x\udc00" }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SearchAsync(ns, filter: new Dictionary<string, JsonNode?> { ["a"] = new JsonObject { ["$gt"] = "\ud800" } }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.PutAsync(ns, "k", new JsonObject { ["text"] = "lone \ud800 high" }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.PutAsync(ns, "k", new JsonObject { ["nested"] = new JsonArray("ok", new JsonObject { ["k\udfff"] = 1 }) }));
        Assert.Null(await store.GetAsync(ns, "k"));
        await store.PutAsync(ns, "k", new JsonObject { ["text"] = "paired \ud83d\ude00 and \ufffd" });
        Assert.Equal("paired \ud83d\ude00 and \ufffd", (string?)(await store.GetAsync(ns, "k"))!.Value["text"]);
    }

    [Theory, BothModes]
    public virtual async Task Ne_matches_different_values_other_kinds_and_missing_fields(ApiMode mode)
    {
        var (store, ns) = await PutDocumentsAsync(mode);

        await AssertMatchesAsync(store, ns, """{"kind":{"$ne":"a"}}""", "k03", "k04", "k05", "k06", "k07", "k08", "k09");
        await AssertMatchesAsync(store, ns, """{"n":{"$ne":9}}""", "k02", "k03", "k04", "k05", "k06", "k07", "k08", "k09", "k10");
        await AssertMatchesAsync(store, ns, """{"n":{"$ne":1.0}}""", "k01", "k02", "k03", "k05", "k06", "k07", "k09", "k10");
        await AssertMatchesAsync(store, ns, """{"kind":{"$ne":null}}""", "k01", "k02", "k03", "k04", "k05", "k06", "k08", "k09", "k10");
    }

    [Theory, BothModes]
    public virtual async Task Range_operators_compare_numbers_numerically(ApiMode mode)
    {
        var (store, ns) = await PutDocumentsAsync(mode);

        await AssertMatchesAsync(store, ns, """{"n":{"$gt":9}}""", "k02", "k07", "k09");
        await AssertMatchesAsync(store, ns, """{"n":{"$gte":9}}""", "k01", "k02", "k07", "k09");
        await AssertMatchesAsync(store, ns, """{"n":{"$lt":10}}""", "k01", "k03", "k04", "k06", "k08");
        await AssertMatchesAsync(store, ns, """{"n":{"$lte":1}}""", "k04", "k06", "k08");
        await AssertMatchesAsync(store, ns, """{"n":{"$gt":2.4,"$lt":2.6}}""", "k03");
        await AssertMatchesAsync(store, ns, """{"n":{"$gt":-3.5}}""", "k01", "k02", "k03", "k04", "k06", "k07", "k08", "k09");
        await AssertMatchesAsync(store, ns, """{"n":{"$gte":100.0}}""", "k07", "k09");
    }

    [Theory, BothModes]
    public virtual async Task Range_operators_compare_strings_by_code_point(ApiMode mode)
    {
        var (store, ns) = await PutDocumentsAsync(mode);

        // Code point order: "Apple" < "B" < "a" < "apple" < "apples" < "x" < "z" < "é".
        await AssertMatchesAsync(store, ns, """{"s":{"$lt":"a"}}""", "k02", "k06");
        await AssertMatchesAsync(store, ns, """{"s":{"$lt":"b"}}""", "k01", "k02", "k03", "k06", "k08");
        await AssertMatchesAsync(store, ns, """{"s":{"$gte":"a"}}""", "k01", "k03", "k04", "k07", "k08", "k10");
        await AssertMatchesAsync(store, ns, """{"s":{"$gt":"apple","$lt":"b"}}""", "k03");
        await AssertMatchesAsync(store, ns, """{"s":{"$gte":"apple","$lte":"apples"}}""", "k01", "k03");
        await AssertMatchesAsync(store, ns, """{"s":{"$gt":"z"}}""", "k04");
        await AssertMatchesAsync(store, ns, """{"s":{"$lte":"B"}}""", "k02", "k06");
    }

    [Theory, BothModes]
    public virtual async Task Range_operators_do_not_match_a_field_of_another_kind(ApiMode mode)
    {
        var (store, ns) = await PutDocumentsAsync(mode);

        await AssertMatchesAsync(store, ns, """{"n":{"$gt":"1"}}""", "k05");
        await AssertMatchesAsync(store, ns, """{"n":{"$lt":"9"}}""");
        await AssertMatchesAsync(store, ns, """{"s":{"$gt":1}}""", "k05");
        await AssertMatchesAsync(store, ns, """{"s":{"$gte":""}}""", "k01", "k02", "k03", "k04", "k06", "k07", "k08", "k10");
        await AssertMatchesAsync(store, ns, """{"kind":{"$gte":""}}""", "k01", "k02", "k03", "k04", "k05", "k10");
        await AssertMatchesAsync(store, ns, """{"obj":{"$gt":0}}""");
        await AssertMatchesAsync(store, ns, """{"tags":{"$lt":"z"}}""");
    }

    [Theory, BothModes]
    public virtual async Task Nested_paths_select_fields_inside_objects(ApiMode mode)
    {
        var (store, ns) = await PutDocumentsAsync(mode);

        await AssertMatchesAsync(store, ns, """{"nested.level":{"$gte":2}}""", "k02", "k03", "k04");
        await AssertMatchesAsync(store, ns, """{"nested.level":{"$lt":3}}""", "k01", "k02", "k07");
        await AssertMatchesAsync(store, ns, """{"nested.level":1}""", "k01", "k07");
        await AssertMatchesAsync(store, ns, """{"nested.name":"x"}""", "k01", "k04");
        await AssertMatchesAsync(store, ns, """{"nested.name":{"$ne":"x"}}""", "k02", "k03", "k05", "k06", "k07", "k08", "k09", "k10");
        await AssertMatchesAsync(store, ns, """{"obj.y":2}""", "k01", "k03");
    }

    [Theory, BothModes]
    public virtual async Task Several_operators_on_one_key_and_several_keys_must_all_hold(ApiMode mode)
    {
        var (store, ns) = await PutDocumentsAsync(mode);

        await AssertMatchesAsync(store, ns, """{"n":{"$gte":2.5,"$lte":10}}""", "k01", "k02", "k03");
        await AssertMatchesAsync(store, ns, """{"n":{"$gt":1,"$lt":100,"$ne":10}}""", "k01", "k03");
        await AssertMatchesAsync(store, ns, """{"kind":"a","n":{"$gte":10}}""", "k02");
        await AssertMatchesAsync(store, ns, """{"kind":{"$ne":"a"},"n":{"$lt":2}}""", "k04", "k06", "k08");
        await AssertMatchesAsync(store, ns, """{"kind":"b","nested.name":"x","s":{"$gt":"a"}}""", "k04");
        await AssertMatchesAsync(store, ns, """{"kind":"a","s":"x","n":{"$ne":1}}""", "k10");
    }

    [Theory, BothModes]
    public virtual async Task Objects_arrays_and_null_match_by_deep_equality(ApiMode mode)
    {
        var (store, ns) = await PutDocumentsAsync(mode);

        await AssertMatchesAsync(store, ns, """{"obj":{"x":1,"y":2}}""", "k01", "k03");
        await AssertMatchesAsync(store, ns, """{"obj":{"x":1}}""", "k02");
        await AssertMatchesAsync(store, ns, """{"obj":{"$eq":{"y":2,"x":1}}}""", "k01", "k03");
        await AssertMatchesAsync(store, ns, """{"nested":{"level":1,"name":"x"}}""", "k01");
        await AssertMatchesAsync(store, ns, """{"tags":["a","b"]}""", "k01");
        await AssertMatchesAsync(store, ns, """{"tags":["b","a"]}""", "k02");
        await AssertMatchesAsync(store, ns, """{"tags":[]}""", "k03");
        await AssertMatchesAsync(store, ns, """{"tags":{"$ne":["a","b"]}}""", "k02", "k03", "k04", "k05", "k06", "k07", "k08", "k09", "k10");
        await AssertMatchesAsync(store, ns, """{"kind":null}""", "k07");
        await AssertMatchesAsync(store, ns, """{"obj":{}}""");
    }

    [Theory, BothModes]
    public virtual async Task In_matches_a_field_equal_to_any_listed_value(ApiMode mode)
    {
        var (store, ns) = await PutDocumentsAsync(mode);

        await AssertMatchesAsync(store, ns, """{"kind":{"$in":["a","c"]}}""", "k01", "k02", "k05", "k10");
        await AssertMatchesAsync(store, ns, """{"n":{"$in":[1,9,"9"]}}""", "k01", "k04", "k05", "k08");
        await AssertMatchesAsync(store, ns, """{"n":{"$in":[1e2,2.50]}}""", "k03", "k07", "k09");
        await AssertMatchesAsync(store, ns, """{"kind":{"$in":[null]}}""", "k07");
        await AssertMatchesAsync(store, ns, """{"s":{"$in":[true,5]}}""", "k05", "k09");
        await AssertMatchesAsync(store, ns, """{"tags":{"$in":[["b","a"],[]]}}""", "k02", "k03");
        await AssertMatchesAsync(store, ns, """{"obj":{"$in":[{"y":2,"x":1}]}}""", "k01", "k03");
        await AssertMatchesAsync(store, ns, """{"nested.level":{"$in":[1,3]}}""", "k01", "k03", "k07");
        await AssertMatchesAsync(store, ns, """{"kind":{"$in":[]}}""");
        await AssertMatchesAsync(store, ns, """{"kind":{"$in":["a"]},"n":{"$in":[10,"x"]}}""", "k02");
    }

    [Theory, BothModes]
    public virtual async Task Nin_matches_missing_fields_and_fields_equal_to_no_listed_value(ApiMode mode)
    {
        var (store, ns) = await PutDocumentsAsync(mode);

        await AssertMatchesAsync(store, ns, """{"kind":{"$nin":["a","b"]}}""", "k05", "k06", "k07", "k08", "k09");
        await AssertMatchesAsync(store, ns, """{"kind":{"$nin":["a","b",null]}}""", "k05", "k06", "k08", "k09");
        await AssertMatchesAsync(store, ns, """{"n":{"$nin":[1,100,9]}}""", "k02", "k03", "k05", "k06", "k10");
        await AssertMatchesAsync(store, ns, """{"tags":{"$nin":[["a","b"],[]]}}""", "k02", "k04", "k05", "k06", "k07", "k08", "k09", "k10");
        await AssertMatchesAsync(store, ns, """{"s":{"$nin":[true,"x","apple"]}}""", "k02", "k03", "k04", "k05", "k06", "k07", "k08");
        await AssertMatchesAsync(store, ns, """{"kind":{"$nin":[]}}""", "k01", "k02", "k03", "k04", "k05", "k06", "k07", "k08", "k09", "k10");
        await AssertMatchesAsync(store, ns, """{"n":{"$gt":1,"$nin":[10,100]}}""", "k01", "k03");
    }

    [Theory, BothModes]
    public virtual async Task Empty_filter_matches_every_item(ApiMode mode)
    {
        var (store, ns) = await PutDocumentsAsync(mode);

        await AssertMatchesAsync(store, ns, "{}", "k01", "k02", "k03", "k04", "k05", "k06", "k07", "k08", "k09", "k10");
    }

    [Theory, BothModes]
    public virtual async Task Malformed_filter_keys_throw_argument_exception(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "filters");
        string[] keys = ["", ".", "a.", ".a", "a..b", "$n", "a.$b", "a\"b", "a'b", "a[0]", "a]", "a\\b", "*", "a.*", "a\u0001b", "a\nb", "\u007f"];

        foreach (var key in keys)
        {
            var filter = new Dictionary<string, JsonNode?> { [key] = 1 };
            await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SearchAsync(ns, filter: filter));
        }
    }

    [Theory, BothModes]
    public virtual async Task Unknown_operators_and_bad_operands_throw_argument_exception(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "filters");
        string[] conditions =
        [
            """{"$regex":"a"}""", """{"$in":1}""", """{"$nin":"a"}""", """{"$in":null}""", """{"$nin":{"a":1}}""", """{"$GT":1}""", """{"$exists":true}""", """{"$":1}""", """{"$gt":1,"x":2}""",
            """{"$gt":true}""", """{"$lt":null}""", """{"$gte":[1]}""", """{"$lte":{"a":1}}""",
        ];

        foreach (var condition in conditions)
        {
            var filter = new Dictionary<string, JsonNode?> { ["n"] = JsonNode.Parse(condition) };
            await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SearchAsync(ns, filter: filter));
        }
    }

    [Theory, BothModes]
    public virtual async Task A_malformed_filter_rejects_the_whole_batch_and_applies_nothing(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "filters");
        var badFilter = new Dictionary<string, JsonNode?> { ["n"] = JsonNode.Parse("""{"$regex":"x"}""") };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.BatchAsync(
        [
            new PutOperation(ns, "k", Json("""{"n":1}""")),
            new SearchOperation(ns) { Filter = badFilter },
        ]));

        Assert.Null(await store.GetAsync(ns, "k"));
    }

    private async Task<(StoreApi Store, StoreNamespace Namespace)> PutDocumentsAsync(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "filters");
        await store.BatchAsync([.. Documents.Select((json, i) => new PutOperation(ns, $"k{i + 1:D2}", Json(json)))]);
        return (store, ns);
    }

    private static async Task AssertMatchesAsync(StoreApi store, StoreNamespace ns, string filter, params string[] expectedKeys)
    {
        var conditions = Json(filter).ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal);
        var results = await store.SearchAsync(ns, filter: conditions, limit: 100);
        Assert.True(
            expectedKeys.SequenceEqual(results.Select(r => r.Key)),
            $"Filter {filter} matched [{string.Join(", ", results.Select(r => r.Key))}], expected [{string.Join(", ", expectedKeys)}].");
    }
}
