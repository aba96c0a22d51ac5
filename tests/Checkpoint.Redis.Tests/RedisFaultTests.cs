using System.Collections.Concurrent;
using Checkpoint.ConformanceSuite;
using Checkpoint.Redis.Tests.Support;
using StackExchange.Redis;
using Xunit;

namespace Checkpoint.Redis.Tests;

/// <summary>
/// A server outage in the middle of a writer loop, on a private redis-server (the shared servers are never touched):
/// calls fail with a clear exception while the server is down, the same saver works again once it is back, nothing
/// acknowledged is lost (the server fsyncs its append-only file on every write) and no torn checkpoint is ever read.
/// </summary>
public sealed class RedisFaultTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Outage_fails_calls_clearly_then_the_same_saver_recovers_with_nothing_acknowledged_lost_or_torn()
    {
        await using var server = await PrivateRedisServer.TryStartAsync(Token);
        if (server is null)
        {
            Assert.False(StandaloneRedisTestStore.Instance.IsRequired, "redis-server is not installed, but CHECKPOINT_TESTS_REQUIRE names redis.");
            Assert.Skip("redis-server is not installed.");
        }

        var options = new ConfigurationOptions
        {
            EndPoints = { server.EndPoint },
            AbortOnConnectFail = false,
            ConnectTimeout = 500,
            SyncTimeout = 1000,
            AsyncTimeout = 1000,
            BacklogPolicy = BacklogPolicy.FailFast,
            ReconnectRetryPolicy = new LinearRetry(100),
        };
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
        await using var saver = new RedisSaver(connection);
        var threadId = "fault-" + Guid.NewGuid().ToString("N");
        var acknowledged = new ConcurrentQueue<(RunConfig Config, int Step)>();
        var failures = new ConcurrentQueue<Exception>();
        var torn = new ConcurrentQueue<string>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var writer = Task.Run(() => WriteLoopAsync(saver, threadId, acknowledged, failures, stop.Token), Token);
        var reader = Task.Run(() => ReadLoopAsync(saver, threadId, failures, torn, stop.Token), Token);

        await WaitUntilAsync(() => acknowledged.Count >= 20, "20 checkpoints before the outage");
        await server.KillAsync();
        var failuresAtKill = failures.Count;
        await WaitUntilAsync(() => failures.Count >= failuresAtKill + 5, "calls failing during the outage");
        var syncFailure = Record.Exception(() => saver.GetTuple(new RunConfig(threadId)));
        await server.RestartAsync(Token);
        var acknowledgedAtRestart = acknowledged.Count;
        await WaitUntilAsync(() => acknowledged.Count >= acknowledgedAtRestart + 20, "20 checkpoints after the restart");
        await stop.CancelAsync();
        await Task.WhenAll(writer, reader);

        Assert.True(syncFailure is RedisConnectionException or RedisTimeoutException, $"A sync call during the outage threw {syncFailure?.GetType().Name ?? "nothing"}.");
        Assert.All(failures, e => Assert.True(IsOutage(e), $"Unexpected {e.GetType().Name}: {e.Message}"));
        Assert.Empty(torn);
        foreach (var (config, step) in acknowledged)
        {
            var tuple = await saver.GetTupleAsync(config, Token);
            Assert.NotNull(tuple);
            AssertWhole(tuple, step);
            Assert.Equal(new PendingWrite("task", "log", $"write {step}"), Assert.Single(tuple.PendingWrites));
        }

        // Checkpoints whose put was cut off by the kill may or may not exist, but whatever exists is whole.
        await foreach (var tuple in saver.ListAsync(new RunConfig(threadId), cancellationToken: Token))
        {
            AssertWhole(tuple, tuple.Metadata.Step!.Value);
        }
    }

    private static async Task WriteLoopAsync(RedisSaver saver, string threadId, ConcurrentQueue<(RunConfig, int)> acknowledged, ConcurrentQueue<Exception> failures, CancellationToken stop)
    {
        var parent = new RunConfig(threadId);
        for (var step = 0; !stop.IsCancellationRequested; step++)
        {
            var checkpoint = StepCheckpoint(step);
            try
            {
                var config = await saver.PutAsync(parent, checkpoint, CheckpointMetadata.Create(CheckpointSource.Loop, step), TestData.AllVersions(checkpoint), CancellationToken.None);
                await saver.PutWritesAsync(config, [new ChannelWrite("log", $"write {step}")], "task", cancellationToken: CancellationToken.None);
                acknowledged.Enqueue((config, step));
                parent = config;
            }
            catch (Exception e) when (IsOutage(e))
            {
                failures.Enqueue(e);
                await PaceAsync(stop);
            }
        }
    }

    private static async Task ReadLoopAsync(RedisSaver saver, string threadId, ConcurrentQueue<Exception> failures, ConcurrentQueue<string> torn, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (await saver.GetTupleAsync(new RunConfig(threadId), CancellationToken.None) is { } tuple && !IsWhole(tuple, tuple.Metadata.Step ?? -1))
                {
                    torn.Enqueue(tuple.Config.CheckpointId!);
                }
            }
            catch (Exception e) when (IsOutage(e))
            {
                failures.Enqueue(e);
                await PaceAsync(stop);
            }
        }
    }

    // Failing calls return at once (fail-fast backlog); a short pause keeps the loops from spinning.
    private static async Task PaceAsync(CancellationToken stop)
    {
        try
        {
            await Task.Delay(10, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    // Right after the restart the server may still be loading its append-only file, and says so.
    private static bool IsOutage(Exception e) =>
        e is RedisConnectionException or RedisTimeoutException || (e is RedisServerException && e.Message.StartsWith("LOADING", StringComparison.Ordinal));

    // Every step writes three channels at new versions; a torn read would miss one or mix steps.
    private static GraphCheckpoint StepCheckpoint(int step)
    {
        var version = $"{step + 1:D32}.{step:D16}";
        var values = new Dictionary<string, object?> { ["a"] = $"a{step}", ["b"] = $"b{step}", ["log"] = new List<string> { $"log {step}", new('x', 2000) } };
        return TestData.Checkpoint(values, values.Keys.ToDictionary(k => k, _ => version));
    }

    private static bool IsWhole(CheckpointTuple tuple, int step) =>
        tuple.Checkpoint.ChannelValues.Count == 3
        && Equals(tuple.Checkpoint.ChannelValues["a"], $"a{step}")
        && Equals(tuple.Checkpoint.ChannelValues["b"], $"b{step}")
        && tuple.Checkpoint.ChannelValues["log"] is List<string> log && log.Count == 2 && log[0] == $"log {step}";

    private static void AssertWhole(CheckpointTuple tuple, int step) =>
        Assert.True(IsWhole(tuple, step), $"Checkpoint {tuple.Config.CheckpointId} of step {step} is torn.");

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(20, Token);
        }
    }
}
