using System.Text.Json.Nodes;
using Xunit;
using static Checkpoint.ConformanceSuite.StoreTestData;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Batches: one result per operation, of the operation's type; operations applied in order, so reads see earlier
/// writes of the same batch; validation of the whole batch before anything is applied (contract "Store": batch).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class StoreBatchTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    [Theory, BothModes]
    public virtual async Task Mixed_operations_return_aligned_results_of_the_right_types(ApiMode mode)
    {
        var clock = Clock();
        var store = CreateStore(mode, Options(clock));
        var root = NewNamespace();
        var ns = Under(root, "batch");
        await store.PutAsync(ns, "existing", Json("""{"v":0}"""));

        var results = await store.BatchAsync(
        [
            new GetOperation(ns, "existing"),
            new PutOperation(ns, "new", Json("""{"v":1}""")),
            new SearchOperation(ns),
            new GetOperation(ns, "absent"),
            new ListNamespacesOperation { MatchConditions = [NamespaceMatch.Prefix([.. root])] },
            new PutOperation(ns, "existing", null),
        ]);

        Assert.Equal(6, results.Count);
        StoreAssert.Item(ns, "existing", Json("""{"v":0}"""), Millis(ClockStart), Millis(ClockStart), Assert.IsType<Item>(results[0]));
        Assert.Null(results[1]);
        var found = Assert.IsAssignableFrom<IReadOnlyList<SearchItem>>(results[2]);
        StoreAssert.Keys(found, "existing", "new");
        Assert.Null(results[3]);
        Assert.Equal(new[] { ns }, Assert.IsAssignableFrom<IReadOnlyList<StoreNamespace>>(results[4]));
        Assert.Null(results[5]);
        Assert.Null(await store.GetAsync(ns, "existing"));
    }

    [Theory, BothModes]
    public virtual async Task Operations_apply_in_order_so_reads_see_earlier_writes(ApiMode mode)
    {
        var clock = Clock();
        var store = CreateStore(mode, Options(clock));
        var ns = Under(NewNamespace(), "batch");

        var results = await store.BatchAsync(
        [
            new GetOperation(ns, "k"),
            new PutOperation(ns, "k", Json("""{"v":1}""")),
            new GetOperation(ns, "k"),
            new PutOperation(ns, "k", Json("""{"v":2}""")),
            new GetOperation(ns, "k"),
            new SearchOperation(ns),
            new ListNamespacesOperation { MatchConditions = [NamespaceMatch.Prefix([.. ns])] },
            new PutOperation(ns, "k", null),
            new GetOperation(ns, "k"),
            new SearchOperation(ns),
            new ListNamespacesOperation { MatchConditions = [NamespaceMatch.Prefix([.. ns])] },
        ]);

        var now = Millis(clock.GetUtcNow());
        Assert.Null(results[0]);
        StoreAssert.Item(ns, "k", Json("""{"v":1}"""), now, now, results[2] as Item);
        StoreAssert.Item(ns, "k", Json("""{"v":2}"""), now, now, results[4] as Item);
        StoreAssert.JsonEqual(Json("""{"v":2}"""), Assert.Single((IReadOnlyList<SearchItem>)results[5]!).Value);
        Assert.Equal(new[] { ns }, (IReadOnlyList<StoreNamespace>)results[6]!);
        Assert.Null(results[8]);
        Assert.Empty((IReadOnlyList<SearchItem>)results[9]!);
        Assert.Empty((IReadOnlyList<StoreNamespace>)results[10]!);
        Assert.Null(await store.GetAsync(ns, "k"));
    }

    [Theory, BothModes]
    public virtual async Task Overwrite_within_a_batch_keeps_the_first_creation_time(ApiMode mode)
    {
        var clock = Clock();
        var store = CreateStore(mode, Options(clock));
        var ns = Under(NewNamespace(), "batch");
        await store.PutAsync(ns, "k", Json("""{"v":0}"""));
        var created = Millis(clock.GetUtcNow());
        clock.Advance(TimeSpan.FromSeconds(2));

        await store.BatchAsync([new PutOperation(ns, "k", Json("""{"v":1}""")), new PutOperation(ns, "k", Json("""{"v":2}"""))]);

        StoreAssert.Item(ns, "k", Json("""{"v":2}"""), created, Millis(clock.GetUtcNow()), await store.GetAsync(ns, "k"));
    }

    [Theory, BothModes]
    public virtual async Task One_invalid_operation_rejects_the_batch_and_nothing_is_applied(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "batch");
        await store.PutAsync(ns, "existing", Json("""{"v":0}"""));
        StoreOperation[] invalid =
        [
            new PutOperation(Under(ns, "bad.label"), "k", Json("{}")),
            new PutOperation(ns, string.Empty, Json("{}")),
            new PutOperation(ns, "k", Json("{}")) { Ttl = TimeSpan.Zero },
            new SearchOperation(ns) { Limit = -1 },
            new SearchOperation(ns) { Filter = new Dictionary<string, JsonNode?> { ["$bad"] = 1 } },
            new ListNamespacesOperation { Offset = -1 },
        ];

        foreach (var bad in invalid)
        {
            await Assert.ThrowsAnyAsync<ArgumentException>(() => store.BatchAsync(
            [
                new PutOperation(ns, "new", Json("""{"v":1}""")),
                new PutOperation(ns, "existing", null),
                bad,
            ]));
        }

        StoreAssert.Item(ns, "existing", Json("""{"v":0}"""), Millis(ClockStart), Millis(ClockStart), await store.GetAsync(ns, "existing"));
        Assert.Null(await store.GetAsync(ns, "new"));
    }

    [Theory, BothModes]
    public virtual async Task A_null_operation_throws_argument_exception(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "batch");

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.BatchAsync([new PutOperation(ns, "k", Json("{}")), null!]));

        Assert.Null(await store.GetAsync(ns, "k"));
    }

    [Theory, BothModes]
    public virtual async Task Empty_batch_returns_no_results(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));

        Assert.Empty(await store.BatchAsync([]));
    }

    [Theory, BothModes]
    public virtual async Task Repeated_reads_in_one_batch_each_get_a_result(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "batch");
        await store.PutAsync(ns, "k", Json("""{"v":1}"""));

        var results = await store.BatchAsync([new GetOperation(ns, "k"), new GetOperation(ns, "k"), new SearchOperation(ns), new SearchOperation(ns)]);

        Assert.Equal(4, results.Count);
        Assert.Equal("k", Assert.IsType<Item>(results[0]).Key);
        Assert.Equal("k", Assert.IsType<Item>(results[1]).Key);
        Assert.NotSame(results[0], results[1]);
        Assert.Single((IReadOnlyList<SearchItem>)results[2]!);
        Assert.Single((IReadOnlyList<SearchItem>)results[3]!);
    }
}
