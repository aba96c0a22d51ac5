using System.Text;
using System.Text.Json.Nodes;
using Xunit;
using static Checkpoint.ConformanceSuite.StoreTestData;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Store items: put, get and delete round trips, timestamps from the store's clock with millisecond precision,
/// overwrite semantics, copies on read and the typed helpers (contract "Store": keys, timestamps).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class StoreItemTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    [Theory, BothModes]
    public virtual async Task Put_then_get_returns_namespace_key_document_and_timestamps(ApiMode mode)
    {
        var clock = Clock();
        var store = CreateStore(mode, Options(clock));
        var ns = Under(NewNamespace(), "memories", "user-1");
        var value = Json("""{"name":"Ada","nested":{"list":[1,2.5,"three",null,true,{"deep":{"x":[[],{}]}}],"empty":{}},"flag":false,"none":null,"big":123456789012}""");

        await store.PutAsync(ns, "profile", value);
        var item = await store.GetAsync(ns, "profile");

        StoreAssert.Item(ns, "profile", value, Millis(ClockStart), Millis(ClockStart), item);
    }

    [Theory, BothModes]
    public virtual async Task Unicode_in_documents_keys_and_labels_round_trips(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "ユーザー", "émoji 🎉", "עברית");
        var key = "clé/🔑 \"quoted\" \\ back";
        var value = new JsonObject
        {
            ["text"] = "日本語 – ä ö ü ß – 🎉👩‍👩‍👧 – e\u0301 – \u2028\u2029 – tab\tnewline\n – \"quotes\" \\ '",
            ["ключ"] = "значение",
            ["🎉"] = new JsonArray("😀", "\uD83D\uDE00", "ﷺ"),
        };

        await store.PutAsync(ns, key, value);
        var item = await store.GetAsync(ns, key);

        Assert.NotNull(item);
        Assert.Equal(ns, item.Namespace);
        Assert.Equal(key, item.Key);
        StoreAssert.JsonEqual(value, item.Value);
        Assert.Equal(value["text"]!.GetValue<string>(), item.Value["text"]!.GetValue<string>());
    }

    [Theory, BothModes]
    public virtual async Task Large_document_round_trips(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "large");
        var value = new JsonObject { ["blob"] = new string('x', 256 * 1024) + "end" };
        var many = new JsonObject();
        for (var i = 0; i < 2000; i++)
        {
            many[$"field-{i:D4}"] = new JsonObject { ["i"] = i, ["s"] = $"value {i}" };
        }

        value["many"] = many;

        await store.PutAsync(ns, "doc", value);
        var item = await store.GetAsync(ns, "doc");

        Assert.NotNull(item);
        StoreAssert.JsonEqual(value, item.Value);
    }

    [Theory, BothModes]
    public virtual async Task Nul_inside_a_document_string_round_trips_or_is_rejected_without_storing(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "nul");
        var value = new JsonObject { ["text"] = "before\0after" };

        if (Capabilities.PreservesNulInJsonStrings)
        {
            await store.PutAsync(ns, "doc", value);
            var item = await store.GetAsync(ns, "doc");
            Assert.NotNull(item);
            Assert.Equal("before\0after", item.Value["text"]!.GetValue<string>());
        }
        else
        {
            await Assert.ThrowsAnyAsync<ArgumentException>(() => store.PutAsync(ns, "doc", value));
            Assert.Null(await store.GetAsync(ns, "doc"));
        }
    }

    [Theory, BothModes]
    public virtual async Task Get_of_an_absent_key_returns_null(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "a");
        await store.PutAsync(ns, "present", Json("""{"x":1}"""));

        Assert.Null(await store.GetAsync(ns, "absent"));
        Assert.Null(await store.GetAsync(Under(NewNamespace(), "a"), "present"));
        Assert.Null(await store.GetAsync(Under(ns, "deeper"), "present"));
    }

    [Theory, BothModes]
    public virtual async Task Same_key_in_different_namespaces_holds_different_items(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var root = NewNamespace();
        await store.PutAsync(Under(root, "a"), "k", Json("""{"v":"a"}"""));
        await store.PutAsync(Under(root, "a", "b"), "k", Json("""{"v":"ab"}"""));
        await store.PutAsync(Under(root, "b"), "k", Json("""{"v":"b"}"""));

        await store.DeleteAsync(Under(root, "a"), "k");

        Assert.Null(await store.GetAsync(Under(root, "a"), "k"));
        Assert.Equal("ab", (await store.GetAsync(Under(root, "a", "b"), "k"))!.Value["v"]!.GetValue<string>());
        Assert.Equal("b", (await store.GetAsync(Under(root, "b"), "k"))!.Value["v"]!.GetValue<string>());
    }

    [Theory, BothModes]
    public virtual async Task Delete_removes_the_item_from_get_and_search(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "a");
        await store.PutAsync(ns, "doomed", Json("""{"x":1}"""));
        await store.PutAsync(ns, "kept", Json("""{"x":2}"""));

        await store.DeleteAsync(ns, "doomed");

        Assert.Null(await store.GetAsync(ns, "doomed"));
        StoreAssert.Keys(await store.SearchAsync(ns), "kept");
    }

    [Theory, BothModes]
    public virtual async Task Delete_of_an_absent_key_is_a_no_op(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "a");
        await store.PutAsync(ns, "kept", Json("""{"x":1}"""));

        await store.DeleteAsync(ns, "absent");
        await store.DeleteAsync(Under(NewNamespace(), "never"), "absent");

        Assert.NotNull(await store.GetAsync(ns, "kept"));
        StoreAssert.Keys(await store.SearchAsync(ns), "kept");
    }

    [Theory, BothModes]
    public virtual async Task Put_after_delete_creates_the_item_afresh(ApiMode mode)
    {
        var clock = Clock();
        var store = CreateStore(mode, Options(clock));
        var ns = Under(NewNamespace(), "a");
        await store.PutAsync(ns, "k", Json("""{"v":1}"""));
        await store.DeleteAsync(ns, "k");
        clock.Advance(TimeSpan.FromSeconds(3));

        await store.PutAsync(ns, "k", Json("""{"v":2}"""));

        StoreAssert.Item(ns, "k", Json("""{"v":2}"""), Millis(clock.GetUtcNow()), Millis(clock.GetUtcNow()), await store.GetAsync(ns, "k"));
    }

    [Theory, BothModes]
    public virtual async Task Overwrite_replaces_the_document_keeps_created_at_and_moves_updated_at(ApiMode mode)
    {
        var clock = Clock();
        var store = CreateStore(mode, Options(clock));
        var ns = Under(NewNamespace(), "a");
        await store.PutAsync(ns, "k", Json("""{"first":true,"shared":1}"""));
        var created = Millis(clock.GetUtcNow());
        clock.Advance(TimeSpan.FromMilliseconds(4_321.5));

        await store.PutAsync(ns, "k", Json("""{"shared":2}"""));
        var item = await store.GetAsync(ns, "k");

        StoreAssert.Item(ns, "k", Json("""{"shared":2}"""), created, Millis(clock.GetUtcNow()), item);
        Assert.Equal(TimeSpan.FromMilliseconds(4_321), item!.UpdatedAt - item.CreatedAt);
    }

    [Theory, BothModes]
    public virtual async Task Timestamps_come_from_the_store_clock_in_utc_with_millisecond_precision(ApiMode mode)
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2101, 2, 3, 4, 5, 6, TimeSpan.FromHours(5)).AddTicks(9_999));
        var store = CreateStore(mode, Options(clock));
        var ns = Under(NewNamespace(), "a");

        await store.PutAsync(ns, "k", Json("""{"x":1}"""));
        var item = await store.GetAsync(ns, "k");
        var found = Assert.Single(await store.SearchAsync(ns));

        var expected = new DateTimeOffset(2101, 2, 2, 23, 5, 6, TimeSpan.Zero);
        Assert.NotNull(item);
        Assert.Equal(expected, item.CreatedAt);
        Assert.Equal(expected, item.UpdatedAt);
        Assert.Equal(TimeSpan.Zero, item.CreatedAt.Offset);
        Assert.Equal(TimeSpan.Zero, item.UpdatedAt.Offset);
        Assert.Equal(expected, found.CreatedAt);
        Assert.Equal(expected, found.UpdatedAt);
    }

    [Theory, BothModes]
    public virtual async Task Changing_a_returned_item_or_the_written_document_changes_nothing_stored(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "a");
        var written = Json("""{"list":[1],"nested":{"x":"original"}}""");
        await store.PutAsync(ns, "k", written);

        written["nested"]!["x"] = "changed after put";
        written["added"] = true;
        var first = await store.GetAsync(ns, "k");
        first!.Value["nested"]!["x"] = "changed after get";
        first.Value["list"]!.AsArray().Add(2);
        var searched = Assert.Single(await store.SearchAsync(ns));
        searched.Value.Remove("list");

        var second = await store.GetAsync(ns, "k");
        Assert.NotNull(second);
        StoreAssert.JsonEqual(Json("""{"list":[1],"nested":{"x":"original"}}"""), second.Value);
        StoreAssert.JsonEqual(Json("""{"list":[1],"nested":{"x":"original"}}"""), Assert.Single(await store.SearchAsync(ns)).Value);
    }

    [Theory, BothModes]
    public virtual async Task Typed_put_and_get_round_trip_a_value_as_camel_case_json(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "typed");
        var profile = new Profile("Ada", 36, ["math", "engines"]);

        if (mode == ApiMode.Sync)
        {
            store.Inner.PutValue(ns, "ada", profile);
        }
        else
        {
            await store.Inner.PutValueAsync(ns, "ada", profile, cancellationToken: CancellationToken);
        }

        var typed = mode == ApiMode.Sync
            ? store.Inner.GetValue<Profile>(ns, "ada")
            : await store.Inner.GetValueAsync<Profile>(ns, "ada", cancellationToken: CancellationToken);
        var absent = mode == ApiMode.Sync
            ? store.Inner.GetValue<Profile>(ns, "nobody")
            : await store.Inner.GetValueAsync<Profile>(ns, "nobody", cancellationToken: CancellationToken);
        var raw = await store.GetAsync(ns, "ada");

        Assert.NotNull(typed);
        Assert.Equal(profile.Name, typed.Name);
        Assert.Equal(profile.Age, typed.Age);
        Assert.Equal(profile.Tags, typed.Tags);
        Assert.Null(absent);
        StoreAssert.JsonEqual(Json("""{"name":"Ada","age":36,"tags":["math","engines"]}"""), raw!.Value);
    }

    [Theory, BothModes]
    public virtual async Task Typed_put_of_a_value_that_is_not_a_json_object_throws_and_stores_nothing(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "typed");

        await Assert.ThrowsAnyAsync<ArgumentException>(() => PutTyped(store, mode, ns, "number", 42));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => PutTyped(store, mode, ns, "text", "just a string"));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => PutTyped(store, mode, ns, "array", new[] { 1, 2, 3 }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => PutTyped<string?>(store, mode, ns, "null", null));

        Assert.Empty(await store.SearchAsync(ns));
    }

    private static async Task PutTyped<T>(StoreApi store, ApiMode mode, StoreNamespace ns, string key, T value)
    {
        if (mode == ApiMode.Sync)
        {
            store.Inner.PutValue(ns, key, value);
        }
        else
        {
            await store.Inner.PutValueAsync(ns, key, value, cancellationToken: CancellationToken);
        }
    }

    /// <summary>A typed value for the typed helpers.</summary>
    /// <param name="Name">A string.</param>
    /// <param name="Age">A number.</param>
    /// <param name="Tags">An array.</param>
    public sealed record Profile(string Name, int Age, string[] Tags);
}
