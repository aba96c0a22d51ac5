using System.Collections.Concurrent;
using Checkpoint.ConformanceSuite;
using Checkpoint.Redis.Tests.Support;
using Xunit;

namespace Checkpoint.Redis.Tests;

/// <summary>
/// 32 writers with 200 puts each on their own threads, plus 8 writers sharing one thread, half through the sync API
/// and half through the async one: every acknowledged checkpoint and pending write reads back afterwards.
/// </summary>
/// <param name="redis">The server under test.</param>
public abstract class RedisConcurrencyStressTests(RedisTestStore redis)
{
    private const int Writers = 32;
    private const int SharedWriters = 8;
    private const int PutsPerWriter = 200;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Thirty_two_writers_and_eight_on_one_shared_thread_lose_nothing()
    {
        redis.EnsureAvailable();
        var saver = new RedisSaver(redis.Connection, new RedisSaverOptions { KeyPrefix = redis.SharedPrefix + "stress:" });
        var sharedThread = "shared-" + Guid.NewGuid().ToString("N");
        var written = new ConcurrentBag<(RunConfig Config, string Value)>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(0, Writers + SharedWriters).Select(writer => Task.Run(async () =>
        {
            await start.Task;
            var threadId = writer < Writers ? $"stress-{writer}-{Guid.NewGuid():N}" : sharedThread;
            var sync = writer % 2 == 0;
            RunConfig parent = new(threadId);
            for (var i = 0; i < PutsPerWriter; i++)
            {
                var value = $"writer {writer} put {i}";
                var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["value"] = value, ["writer"] = (long)writer }, new Dictionary<string, string> { ["value"] = $"{i + 1:D32}.{writer:D16}", ["writer"] = "1" });
                var versions = i == 0 ? TestData.AllVersions(checkpoint) : new Dictionary<string, string> { ["value"] = checkpoint.ChannelVersions["value"] };
                var metadata = CheckpointMetadata.Create(CheckpointSource.Loop, i);
                ChannelWrite[] writes = [new("value", value + " write")];
                var config = sync
                    ? saver.Put(parent, checkpoint, metadata, versions)
                    : await saver.PutAsync(parent, checkpoint, metadata, versions, Token);
                if (sync)
                {
                    saver.PutWrites(config, writes, $"task-{writer}");
                }
                else
                {
                    await saver.PutWritesAsync(config, writes, $"task-{writer}", cancellationToken: Token);
                }

                written.Add((config, value));
                parent = config;
            }
        }, Token)).ToList();
        start.SetResult();
        await Task.WhenAll(writers);

        Assert.Equal((Writers + SharedWriters) * PutsPerWriter, written.Count);
        foreach (var group in written.GroupBy(w => w.Config.ThreadId))
        {
            var listed = await saver.ListAsync(new RunConfig(group.Key), cancellationToken: Token).ToDictionaryAsync(t => t.Config.CheckpointId!, StringComparer.Ordinal, Token);
            Assert.Equal(group.Count(), listed.Count);
            foreach (var (config, value) in group)
            {
                var tuple = listed[config.CheckpointId!];
                Assert.Equal(value, tuple.Checkpoint.ChannelValues["value"]);
                Assert.Equal(value + " write", Assert.Single(tuple.PendingWrites).Value);
            }
        }

        Assert.Equal(written.Where(w => w.Config.ThreadId == sharedThread).Select(w => w.Config.CheckpointId).Max(StringComparer.Ordinal), (await saver.GetTupleAsync(new RunConfig(sharedThread), Token))?.Config.CheckpointId);
    }
}

public sealed class StandaloneRedisConcurrencyStressTests(RedisFixture fixture) : RedisConcurrencyStressTests(fixture.Redis);

public sealed class ClusterRedisConcurrencyStressTests(RedisClusterFixture fixture) : RedisConcurrencyStressTests(fixture.Redis);
