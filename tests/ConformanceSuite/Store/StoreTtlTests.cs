using Microsoft.Extensions.Time.Testing;
using Xunit;
using static Checkpoint.ConformanceSuite.StoreTestData;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Time to live: expiry on the store's clock without any sweep, refresh on read, default and infinite TTLs, and the
/// sweeper (contract "Store": TTL).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class StoreTtlTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);

    [Theory, BothModes]
    public virtual async Task Item_expires_when_the_clock_reaches_expires_at_without_any_sweep(ApiMode mode)
    {
        var clock = Clock();
        var store = CreateStore(mode, Options(clock));
        var root = NewNamespace();
        var ns = Under(root, "ttl");
        var alone = Under(root, "expiring-alone");
        await store.PutAsync(ns, "expiring", Json("""{"v":1}"""), ttl: Ttl);
        await store.PutAsync(ns, "forever", Json("""{"v":2}"""));
        await store.PutAsync(alone, "expiring", Json("""{"v":3}"""), ttl: Ttl);

        clock.Advance(Ttl - TimeSpan.FromMilliseconds(1));
        StoreAssert.Keys(await store.SearchAsync(ns, refreshTtl: false), "expiring", "forever");
        Assert.NotNull(await store.GetAsync(ns, "expiring", refreshTtl: false));
        Assert.Equal(new[] { alone, ns }, await store.ListNamespacesAsync(prefix: root));

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(await store.GetAsync(ns, "expiring"));
        Assert.Null(await store.GetAsync(alone, "expiring"));
        StoreAssert.Keys(await store.SearchAsync(ns), "forever");
        StoreAssert.Keys(await store.SearchAsync(root), "forever");
        Assert.Equal(new[] { ns }, await store.ListNamespacesAsync(prefix: root));
    }

    [Theory, BothModes]
    public virtual async Task Expired_items_are_invisible_to_search_with_a_query(ApiMode mode)
    {
        var clock = Clock();
        var store = CreateStore(mode, Options(clock, Index(new FakeEmbeddingGenerator(), "text")));
        var ns = Under(NewNamespace(), "ttl");
        await store.PutAsync(ns, "expiring", Json("""{"text":"red apple"}"""), ttl: Ttl);
        await store.PutAsync(ns, "forever", Json("""{"text":"green pear"}"""));

        clock.Advance(Ttl);

        StoreAssert.Keys(await store.SearchAsync(ns, query: "red apple"), "forever");
    }

    [Theory, BothModes]
    public virtual async Task Get_refreshes_the_ttl_by_default(ApiMode mode)
    {
        var clock = Clock();
        var store = CreateStore(mode, Options(clock));
        var ns = Under(NewNamespace(), "ttl");
        await store.PutAsync(ns, "k", Json("{}"), ttl: Ttl);

        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.NotNull(await store.GetAsync(ns, "k"));
        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.NotNull(await store.GetAsync(ns, "k", refreshTtl: true));
        clock.Advance(Ttl - TimeSpan.FromMilliseconds(1));
        Assert.NotNull(await store.GetAsync(ns, "k", refreshTtl: false));
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Null(await store.GetAsync(ns, "k"));
    }

    [Theory, BothModes]
    public virtual async Task Get_without_refresh_leaves_the_expiry_unchanged(ApiMode mode)
    {
        var clock = Clock();
        var store = CreateStore(mode, Options(clock));
        var ns = Under(NewNamespace(), "ttl");
        await store.PutAsync(ns, "k", Json("{}"), ttl: Ttl);

        clock.Advance(TimeSpan.FromMinutes(6));
        var item = await store.GetAsync(ns, "k", refreshTtl: false);
        clock.Advance(TimeSpan.FromMinutes(4));

        Assert.NotNull(item);
        Assert.Null(await store.GetAsync(ns, "k", refreshTtl: false));
    }

    [Theory, BothModes]
    public virtual async Task Search_refreshes_only_the_items_it_returns(ApiMode mode)
    {
        var clock = Clock();
        var store = CreateStore(mode, Options(clock));
        var ns = Under(NewNamespace(), "ttl");
        await store.PutAsync(ns, "a", Json("{}"), ttl: Ttl);
        await store.PutAsync(ns, "b", Json("{}"), ttl: Ttl);
        await store.PutAsync(ns, "c", Json("{}"), ttl: Ttl);

        clock.Advance(TimeSpan.FromMinutes(6));
        StoreAssert.Keys(await store.SearchAsync(ns, limit: 1), "a");
        StoreAssert.Keys(await store.SearchAsync(ns, limit: 1, offset: 1, refreshTtl: true), "b");
        StoreAssert.Keys(await store.SearchAsync(ns, limit: 1, offset: 2, refreshTtl: false), "c");
        clock.Advance(TimeSpan.FromMinutes(4));

        StoreAssert.Keys(await store.SearchAsync(ns, refreshTtl: false), "a", "b");
        clock.Advance(TimeSpan.FromMinutes(6));
        StoreAssert.Keys(await store.SearchAsync(ns, refreshTtl: false));
    }

    [Theory, BothModes]
    public virtual async Task Refresh_on_read_false_makes_reads_keep_the_expiry_unless_asked(ApiMode mode)
    {
        var clock = Clock();
        var store = CreateStore(mode, Options(clock, ttl: new StoreTtlOptions { RefreshOnRead = false }));
        var ns = Under(NewNamespace(), "ttl");
        await store.PutAsync(ns, "plain", Json("{}"), ttl: Ttl);
        await store.PutAsync(ns, "asked", Json("{}"), ttl: Ttl);
        await store.PutAsync(ns, "searched", Json("{}"), ttl: Ttl);

        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.NotNull(await store.GetAsync(ns, "plain"));
        Assert.NotNull(await store.GetAsync(ns, "asked", refreshTtl: true));
        StoreAssert.Keys(await store.SearchAsync(ns), "asked", "plain", "searched");
        clock.Advance(TimeSpan.FromMinutes(4));

        StoreAssert.Keys(await store.SearchAsync(ns), "asked");
    }

    [Theory, BothModes]
    public virtual async Task Default_ttl_applies_to_puts_without_their_own(ApiMode mode)
    {
        var clock = Clock();
        var store = CreateStore(mode, Options(clock, ttl: new StoreTtlOptions { DefaultTtl = Ttl }));
        var ns = Under(NewNamespace(), "ttl");
        await store.PutAsync(ns, "default", Json("{}"));
        await store.PutAsync(ns, "own", Json("{}"), ttl: TimeSpan.FromMinutes(30));
        await store.PutAsync(ns, "never", Json("{}"), ttl: Timeout.InfiniteTimeSpan);

        clock.Advance(Ttl);
        StoreAssert.Keys(await store.SearchAsync(ns, refreshTtl: false), "never", "own");
        clock.Advance(TimeSpan.FromMinutes(20));
        StoreAssert.Keys(await store.SearchAsync(ns, refreshTtl: false), "never");
        clock.Advance(TimeSpan.FromDays(3650));

        StoreAssert.Keys(await store.SearchAsync(ns, refreshTtl: false), "never");
    }

    [Theory, BothModes]
    public virtual async Task Infinite_ttl_never_expires_and_reads_do_not_give_it_one(ApiMode mode)
    {
        var clock = Clock();
        var store = CreateStore(mode, Options(clock, ttl: new StoreTtlOptions { DefaultTtl = Timeout.InfiniteTimeSpan }));
        var ns = Under(NewNamespace(), "ttl");
        await store.PutAsync(ns, "default-infinite", Json("{}"));
        await store.PutAsync(ns, "own-infinite", Json("{}"), ttl: Timeout.InfiniteTimeSpan);

        Assert.NotNull(await store.GetAsync(ns, "default-infinite", refreshTtl: true));
        clock.Advance(TimeSpan.FromDays(36500));

        StoreAssert.Keys(await store.SearchAsync(ns), "default-infinite", "own-infinite");
    }

    [Theory, BothModes]
    public virtual async Task Overwrite_sets_the_new_ttl_and_without_ttl_removes_expiry(ApiMode mode)
    {
        var clock = Clock();
        var store = CreateStore(mode, Options(clock));
        var ns = Under(NewNamespace(), "ttl");
        await store.PutAsync(ns, "shortened", Json("{}"), ttl: TimeSpan.FromHours(1));
        await store.PutAsync(ns, "made-permanent", Json("{}"), ttl: TimeSpan.FromMinutes(1));

        await store.PutAsync(ns, "shortened", Json("{}"), ttl: TimeSpan.FromMinutes(1));
        await store.PutAsync(ns, "made-permanent", Json("{}"));
        clock.Advance(TimeSpan.FromMinutes(1));

        StoreAssert.Keys(await store.SearchAsync(ns), "made-permanent");
    }

    [Theory, BothModes]
    public virtual async Task Non_positive_ttl_throws_and_stores_nothing(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "ttl");

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.PutAsync(ns, "zero", Json("{}"), ttl: TimeSpan.Zero));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.PutAsync(ns, "negative", Json("{}"), ttl: TimeSpan.FromMinutes(-1)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.PutAsync(ns, "negative-tick", Json("{}"), ttl: TimeSpan.FromTicks(-2)));

        Assert.Empty(await store.SearchAsync(ns));
        Assert.ThrowsAny<ArgumentException>(() => TestStore.CreateStore(Options(Clock(), ttl: new StoreTtlOptions { DefaultTtl = TimeSpan.Zero })));
        Assert.ThrowsAny<ArgumentException>(() => TestStore.CreateStore(Options(Clock(), ttl: new StoreTtlOptions { DefaultTtl = TimeSpan.FromSeconds(-1) })));
    }

    [Theory, BothModes]
    public virtual async Task Put_over_an_expired_item_creates_it_afresh(ApiMode mode)
    {
        var clock = Clock();
        var store = CreateStore(mode, Options(clock));
        var ns = Under(NewNamespace(), "ttl");
        await store.PutAsync(ns, "k", Json("""{"v":1}"""), ttl: Ttl);
        clock.Advance(Ttl + TimeSpan.FromSeconds(1));

        await store.PutAsync(ns, "k", Json("""{"v":2}"""));

        var now = Millis(clock.GetUtcNow());
        StoreAssert.Item(ns, "k", Json("""{"v":2}"""), now, now, await store.GetAsync(ns, "k"));
    }

    [Theory, BothModes]
    public virtual async Task Put_over_a_live_item_keeps_created_at_and_restarts_the_ttl(ApiMode mode)
    {
        var clock = Clock();
        var store = CreateStore(mode, Options(clock));
        var ns = Under(NewNamespace(), "ttl");
        await store.PutAsync(ns, "k", Json("""{"v":1}"""), ttl: Ttl);
        clock.Advance(TimeSpan.FromMinutes(9));

        await store.PutAsync(ns, "k", Json("""{"v":2}"""), ttl: Ttl);
        clock.Advance(TimeSpan.FromMinutes(9));

        StoreAssert.Item(ns, "k", Json("""{"v":2}"""), Millis(ClockStart), Millis(ClockStart + TimeSpan.FromMinutes(9)), await store.GetAsync(ns, "k", refreshTtl: false));
    }

    [Theory, BothModes]
    public virtual async Task Sweep_removes_expired_items_and_returns_how_many(ApiMode mode)
    {
        var database = await CreateDatabaseAsync();
        var clock = Clock();
        var store = new StoreApi(Track(database.CreateStore(Options(clock))), mode);
        await store.SetupAsync();

        // A second store whose clock stays at the start sees expired-but-unswept items, so removal is observable.
        var earlier = new StoreApi(Track(database.CreateStore(Options(new FakeTimeProvider(ClockStart)))), mode);
        await store.PutAsync(["sweep", "a"], "short-1", Json("{}"), ttl: TimeSpan.FromMinutes(1));
        await store.PutAsync(["sweep", "a"], "short-2", Json("{}"), ttl: TimeSpan.FromMinutes(2));
        await store.PutAsync(["sweep", "b"], "long", Json("{}"), ttl: TimeSpan.FromHours(1));
        await store.PutAsync(["sweep", "b"], "forever", Json("{}"));

        Assert.Equal(0, await store.SweepExpiredAsync());
        clock.Advance(TimeSpan.FromMinutes(2));
        StoreAssert.Keys(await earlier.SearchAsync(["sweep"], refreshTtl: false), "short-1", "short-2", "forever", "long");
        var removed = await store.SweepExpiredAsync();

        Assert.Equal(2, removed);
        Assert.Equal(0, await store.SweepExpiredAsync());
        StoreAssert.Keys(await earlier.SearchAsync(["sweep"], refreshTtl: false), "forever", "long");
        StoreAssert.Keys(await store.SearchAsync(["sweep"], refreshTtl: false), "forever", "long");
    }
}
