using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// ListThreads: threads with at least one checkpoint, in ordinal order of their ids, each with its largest checkpoint
/// id over all namespaces; <c>After</c> is an exclusive cursor; <c>Limit</c> bounds the page (contract; no LangGraph
/// catalogue case). Runs on isolated databases, because it lists every thread.
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class ListThreadsTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    [Theory, BothModes]
    public virtual async Task List_threads_of_an_empty_database_returns_nothing(ApiMode mode)
    {
        var saver = await CreateIsolatedSaverAsync(mode);

        Assert.Empty(await saver.ListThreadsAsync());
    }

    [Theory, BothModes]
    public virtual async Task List_threads_returns_threads_in_ordinal_order_with_their_latest_checkpoint(ApiMode mode)
    {
        var saver = await CreateIsolatedSaverAsync(mode);
        var latest = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var threadId in new[] { "b", "B", "a", "a-2", "a10", "é", "e\u0301", "A" })
        {
            var configs = await TestData.PutChainAsync(saver, threadId, 2);
            latest[threadId] = configs[^1].CheckpointId!;
        }

        var threads = await saver.ListThreadsAsync();

        Assert.Equal(
            ["A", "B", "a", "a-2", "a10", "b", "e\u0301", "é"],
            threads.Select(t => t.ThreadId));
        Assert.All(threads, t => Assert.Equal(latest[t.ThreadId], t.LatestCheckpointId));
    }

    [Theory, BothModes]
    public virtual async Task List_threads_reports_the_largest_checkpoint_id_over_all_namespaces(ApiMode mode)
    {
        var saver = await CreateIsolatedSaverAsync(mode);
        await TestData.PutChainAsync(saver, "thread-1", 2, string.Empty);
        var child = await TestData.PutChainAsync(saver, "thread-1", 2, "child:1");
        var root = await TestData.PutChainAsync(saver, "thread-2", 1, string.Empty);
        await TestData.PutChainAsync(saver, "thread-2", 1, "child:1");
        var lastRoot = await TestData.PutChainAsync(saver, "thread-2", 1, string.Empty);

        var threads = await saver.ListThreadsAsync();

        Assert.Equal([new ThreadInfo("thread-1", child[^1].CheckpointId!), new ThreadInfo("thread-2", lastRoot[0].CheckpointId!)], threads);
        Assert.NotEqual(root[0].CheckpointId, lastRoot[0].CheckpointId);
    }

    [Theory, BothModes]
    public virtual async Task List_threads_after_a_cursor_returns_only_later_threads(ApiMode mode)
    {
        var saver = await CreateIsolatedSaverAsync(mode);
        foreach (var threadId in new[] { "t1", "t2", "t3", "t4" })
        {
            await TestData.PutChainAsync(saver, threadId, 1);
        }

        var afterExisting = await saver.ListThreadsAsync(new ThreadListOptions { After = "t2" });
        var afterMissing = await saver.ListThreadsAsync(new ThreadListOptions { After = "t2a" });
        var afterLast = await saver.ListThreadsAsync(new ThreadListOptions { After = "t4" });

        Assert.Equal(["t3", "t4"], afterExisting.Select(t => t.ThreadId));
        Assert.Equal(["t3", "t4"], afterMissing.Select(t => t.ThreadId));
        Assert.Empty(afterLast);
    }

    [Theory, BothModes]
    public virtual async Task List_threads_pages_through_every_thread_with_after_and_limit(ApiMode mode)
    {
        var saver = await CreateIsolatedSaverAsync(mode);
        var expected = Enumerable.Range(0, 7).Select(i => $"thread-{i:D2}").ToList();
        foreach (var threadId in Enumerable.Reverse(expected))
        {
            await TestData.PutChainAsync(saver, threadId, 1);
        }

        var first = await saver.ListThreadsAsync(new ThreadListOptions { Limit = 3 });
        var seen = new List<string>();
        string? cursor = null;

        // Bounded, so a backend whose cursor does not advance fails instead of looping forever.
        for (var round = 0; round < 10; round++)
        {
            var page = await saver.ListThreadsAsync(new ThreadListOptions { After = cursor, Limit = 3 });
            Assert.True(page.Count <= 3);
            if (page.Count == 0)
            {
                break;
            }

            seen.AddRange(page.Select(t => t.ThreadId));
            cursor = page[^1].ThreadId;
        }

        Assert.Equal(expected.Take(3), first.Select(t => t.ThreadId));
        Assert.Equal(expected, seen);
    }

    [Theory, BothModes]
    public virtual async Task List_threads_with_limit_zero_returns_nothing(ApiMode mode)
    {
        var saver = await CreateIsolatedSaverAsync(mode);
        await TestData.PutChainAsync(saver, "thread", 1);

        Assert.Empty(await saver.ListThreadsAsync(new ThreadListOptions { Limit = 0 }));
    }

    [Theory, BothModes]
    public virtual async Task List_threads_with_negative_limit_throws_argument_exception(ApiMode mode)
    {
        var saver = await CreateIsolatedSaverAsync(mode);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.ListThreadsAsync(new ThreadListOptions { Limit = -1 }));
    }

    [Theory, BothModes]
    public virtual async Task List_threads_omits_deleted_pruned_and_write_only_threads(ApiMode mode)
    {
        var saver = await CreateIsolatedSaverAsync(mode);
        await TestData.PutChainAsync(saver, "deleted", 2);
        await TestData.PutChainAsync(saver, "pruned", 2);
        var kept = await TestData.PutChainAsync(saver, "kept", 3);
        await saver.PutWritesAsync(TestData.Config("writes-only", checkpointId: CheckpointId.Create()), [new("ch", "orphan")], "task");

        await saver.DeleteThreadAsync("deleted");
        await saver.PruneAsync(["pruned"], PruneStrategy.DeleteAll);
        await saver.PruneAsync(["kept"], PruneStrategy.KeepLatest);
        var threads = await saver.ListThreadsAsync();

        Assert.Equal([new ThreadInfo("kept", kept[^1].CheckpointId!)], threads);
    }

    [Theory, BothModes]
    public virtual async Task List_threads_includes_copied_threads(ApiMode mode)
    {
        var saver = await CreateIsolatedSaverAsync(mode);
        var source = await TestData.PutChainAsync(saver, "source", 2);

        await saver.CopyThreadAsync("source", "copy");
        var threads = await saver.ListThreadsAsync();

        Assert.Equal([new ThreadInfo("copy", source[^1].CheckpointId!), new ThreadInfo("source", source[^1].CheckpointId!)], threads);
    }

    [Theory, BothModes]
    public virtual async Task List_threads_with_a_limit_fills_the_page_past_deleted_and_emptied_threads(ApiMode mode)
    {
        var saver = await CreateIsolatedSaverAsync(mode);
        foreach (var threadId in new[] { "t1", "t2", "t3", "t4", "t5", "t6", "t7" })
        {
            await TestData.PutChainAsync(saver, threadId, 1);
        }

        await saver.PutAsync(TestData.Config("t35"), TestData.Checkpoint(), TestData.Metadata(extra: new Dictionary<string, System.Text.Json.Nodes.JsonNode?> { ["run_id"] = "run-gone" }), TestData.NoVersions());
        await saver.DeleteThreadAsync("t2");
        await saver.DeleteThreadAsync("t3");
        await saver.PruneAsync(["t4", "t5"], PruneStrategy.DeleteAll);
        await saver.DeleteForRunsAsync(["run-gone"]);

        // Twice: the first listing may find what a backend's bookkeeping still remembers; the second must agree.
        for (var round = 0; round < 2; round++)
        {
            Assert.Equal(["t1", "t6"], (await saver.ListThreadsAsync(new ThreadListOptions { Limit = 2 })).Select(t => t.ThreadId));
            Assert.Equal(["t6"], (await saver.ListThreadsAsync(new ThreadListOptions { After = "t1", Limit = 1 })).Select(t => t.ThreadId));
            Assert.Equal(["t1", "t6", "t7"], (await saver.ListThreadsAsync()).Select(t => t.ThreadId));
        }
    }

    [Theory, BothModes]
    public virtual async Task List_threads_lists_a_thread_written_again_after_it_was_deleted(ApiMode mode)
    {
        var saver = await CreateIsolatedSaverAsync(mode);
        var first = await TestData.PutChainAsync(saver, "again", 2);
        await TestData.PutChainAsync(saver, "parented", 1);
        await saver.DeleteThreadAsync("again");
        await saver.DeleteThreadAsync("parented");
        Assert.Empty(await saver.ListThreadsAsync());

        // One thread starts over from scratch; the other is written again by a put that still names its deleted parent.
        var fresh = await TestData.PutChainAsync(saver, "again", 1);
        var parented = await saver.PutAsync(new RunConfig("parented", string.Empty, first[^1].CheckpointId), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());
        var threads = await saver.ListThreadsAsync();

        Assert.Equal([new ThreadInfo("again", fresh[^1].CheckpointId!), new ThreadInfo("parented", parented.CheckpointId!)], threads);
    }

    [Theory, BothModes]
    public virtual async Task List_threads_lists_a_copy_whose_source_was_deleted_and_not_the_source(ApiMode mode)
    {
        var saver = await CreateIsolatedSaverAsync(mode);
        var source = await TestData.PutChainAsync(saver, "source", 2);

        await saver.CopyThreadAsync("source", "copy");
        await saver.DeleteThreadAsync("source");
        var threads = await saver.ListThreadsAsync();

        Assert.Equal([new ThreadInfo("copy", source[^1].CheckpointId!)], threads);
    }

    private async Task<SaverApi> CreateIsolatedSaverAsync(ApiMode mode)
    {
        var database = await CreateDatabaseAsync();
        var saver = new SaverApi(Track(database.CreateSaver()), mode);
        await saver.SetupAsync();
        return saver;
    }
}
