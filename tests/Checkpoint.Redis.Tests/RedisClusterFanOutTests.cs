using System.Text.Json.Nodes;
using Checkpoint.ConformanceSuite;
using Checkpoint.Redis.Tests.Support;
using Xunit;

namespace Checkpoint.Redis.Tests;

/// <summary>
/// Operations over every thread on a cluster whose threads really live on different primaries: list without a
/// thread, list-threads and delete-for-runs see every primary.
/// </summary>
/// <param name="fixture">The cluster.</param>
public sealed class RedisClusterFanOutTests(RedisClusterFixture fixture)
{
    private const int Threads = 24;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Listing_and_deleting_runs_over_every_thread_reach_every_primary()
    {
        fixture.Redis.EnsureAvailable();
        await using var database = (RedisTestDatabase)await fixture.Redis.CreateDatabaseAsync();
        await using var saver = database.CreateSaver();
        var threadIds = Enumerable.Range(0, Threads).Select(i => $"fan-out-{i:D2}").ToList();
        var stored = new List<RunConfig>();
        foreach (var threadId in threadIds)
        {
            foreach (var run in new[] { "keep", "drop" })
            {
                var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["run"] = run });
                var metadata = TestData.Metadata(extra: new Dictionary<string, JsonNode?> { ["run_id"] = run });
                stored.Add(await saver.PutAsync(new RunConfig(threadId), checkpoint, metadata, TestData.AllVersions(checkpoint), Token));
            }
        }

        var endpoints = (await RedisKeyCleaner.KeysAsync(fixture.Redis.Connection, database.SaverPrefix))
            .Select(k => fixture.Redis.Connection.GetDatabase().IdentifyEndpoint(k)?.ToString())
            .Distinct()
            .Count();
        var listed = await saver.ListAsync(null, cancellationToken: Token).ToListAsync(Token);
        var limited = await saver.ListAsync(null, new CheckpointListOptions { Limit = 5 }, Token).ToListAsync(Token);
        var threads = await saver.ListThreadsAsync(cancellationToken: Token).ToListAsync(Token);
        await saver.DeleteForRunsAsync(["drop"], Token);
        var kept = await saver.ListAsync(null, cancellationToken: Token).ToListAsync(Token);

        Assert.True(endpoints >= 2, $"The test threads landed on {endpoints} primary.");
        var expected = stored.OrderByDescending(c => c.CheckpointId, StringComparer.Ordinal).ThenBy(c => c.ThreadId, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, listed.Select(t => t.Config));
        Assert.Equal(expected.Take(5), limited.Select(t => t.Config));
        Assert.Equal(threadIds, threads.Select(t => t.ThreadId));
        Assert.Equal(Threads, kept.Count);
        Assert.All(kept, t => Assert.Equal("keep", t.Metadata.RunId));
    }
}
