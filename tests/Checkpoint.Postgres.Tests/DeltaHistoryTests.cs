using Xunit;

namespace Checkpoint.Postgres.Tests;

/// <summary>
/// The one-query delta-channel history of <see cref="PostgresSaver"/> against the reference walk (the base class, one
/// read per ancestor, as <see cref="InMemorySaver"/> runs it) on the same generated history.
/// </summary>
public sealed class DeltaHistoryTests : PostgresTest
{
    private static readonly string[] Channels = ["a", "b", "c", "missing"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task One_query_history_equals_the_reference_walk_on_a_generated_history(int seed)
    {
        var random = new Random(seed);
        await using var postgres = Server.CreateSaver();
        await using var reference = new InMemorySaver();
        var threadId = NewThreadId();
        var checkpointIds = new List<RunConfig>();

        foreach (var ns in new[] { string.Empty, "child:1" })
        {
            RunConfig? parent = null;
            var versions = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var step = 0; step < 25; step++)
            {
                // Each step stores a snapshot of some channels (a seed) and leaves the others to their writes.
                var checkpoint = new GraphCheckpoint { Id = CheckpointId.Create(step), Ts = DateTimeOffset.UtcNow.ToString("O") };
                var newVersions = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var channel in Channels.Take(3))
                {
                    if (random.Next(5) == 0)
                    {
                        versions[channel] = ChannelVersion.Next(versions.GetValueOrDefault(channel));
                        newVersions[channel] = versions[channel];
                        if (random.Next(4) > 0)
                        {
                            checkpoint.ChannelValues[channel] = $"{ns}/{channel}@{step}";
                        }
                    }
                }

                foreach (var (channel, version) in versions)
                {
                    checkpoint.ChannelVersions[channel] = version;
                }

                var config = new RunConfig(threadId, ns, parent?.CheckpointId);
                var metadata = CheckpointMetadata.Create(CheckpointSource.Loop, step);
                var stored = await postgres.PutAsync(config, checkpoint, metadata, newVersions, CancellationToken);
                await reference.PutAsync(config, checkpoint, metadata, newVersions, CancellationToken);
                foreach (var task in Enumerable.Range(0, random.Next(4)).Select(t => (Id: $"task-{random.Next(3)}", Path: $"path-{random.Next(2)}")).Distinct())
                {
                    ChannelWrite[] writes = [.. Enumerable.Range(0, random.Next(1, 4)).Select(i => new ChannelWrite(Channels[random.Next(Channels.Length)], $"{task.Id}:{step}:{i}"))];
                    await postgres.PutWritesAsync(stored, writes, task.Id, task.Path, CancellationToken);
                    await reference.PutWritesAsync(stored, writes, task.Id, task.Path, CancellationToken);
                }

                checkpointIds.Add(stored);
                parent = stored;
            }
        }

        foreach (var config in checkpointIds.Append(new RunConfig(threadId)).Append(new RunConfig(threadId, "child:1")))
        {
            var expected = reference.GetDeltaChannelHistory(config, Channels);
            var actualSync = postgres.GetDeltaChannelHistory(config, Channels);
            var actualAsync = await postgres.GetDeltaChannelHistoryAsync(config, Channels, CancellationToken);
            foreach (var actual in new[] { actualSync, actualAsync })
            {
                Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
                foreach (var (channel, history) in expected)
                {
                    Assert.Equal(history.HasSeed, actual[channel].HasSeed);
                    Assert.Equal(history.Seed, actual[channel].Seed);
                    Assert.Equal(history.Writes, actual[channel].Writes);
                }
            }
        }
    }
}
