using Npgsql;
using Xunit;

namespace Checkpoint.Postgres.Tests;

/// <summary>Many concurrent writers on one saver instance: its connections come from the pool, nothing is serialised or lost.</summary>
public sealed class ConcurrentWritersTests : PostgresTest
{
    private const int DistinctThreadWriters = 32;
    private const int SharedThreadWriters = 8;
    private const int PutsPerWriter = 200;

    [Fact]
    public async Task Every_acknowledged_checkpoint_and_write_of_40_concurrent_writers_is_readable_afterwards()
    {
        var database = CreateDatabase();

        // A pool as large as the number of writers, so they really run at once.
        var connectionString = new NpgsqlConnectionStringBuilder(Server.ConnectionString) { MaxPoolSize = DistinctThreadWriters + SharedThreadWriters, ApplicationName = "checkpoint-concurrency-test" };
        await using var dataSource = NpgsqlDataSource.Create(connectionString.ConnectionString);
        await using var saver = new PostgresSaver(dataSource, new PostgresSaverOptions { SchemaName = database.Schema });
        await saver.SetupAsync(CancellationToken);

        var sharedThread = NewThreadId();
        var writers = Enumerable.Range(0, DistinctThreadWriters)
            .Select(i => Start(saver, NewThreadId(), $"writer-{i}", sync: i % 2 == 0))
            .Concat(Enumerable.Range(0, SharedThreadWriters).Select(i => Start(saver, sharedThread, $"shared-{i}", sync: i % 2 == 0)))
            .ToList();
        var acknowledged = (await Task.WhenAll(writers)).SelectMany(a => a).ToList();

        // Read everything back, one list per thread (checkpoints, values and writes in one streamed query each).
        Assert.Equal((DistinctThreadWriters + SharedThreadWriters) * PutsPerWriter, acknowledged.Count);
        var stored = new Dictionary<string, CheckpointTuple>();
        foreach (var threadId in acknowledged.Select(a => a.Config.ThreadId!).Distinct())
        {
            await foreach (var tuple in saver.ListAsync(new RunConfig(threadId), cancellationToken: CancellationToken))
            {
                stored.Add(threadId + "/" + tuple.Config.CheckpointId, tuple);
            }
        }

        Assert.Equal(acknowledged.Count, stored.Count);
        foreach (var (config, writer, step) in acknowledged)
        {
            var tuple = stored[config.ThreadId + "/" + config.CheckpointId];
            Assert.Equal($"{writer} step {step}", tuple.Checkpoint.ChannelValues["messages"]);
            Assert.Equal((long)step, tuple.Checkpoint.ChannelValues["step"]);
            var write = Assert.Single(tuple.PendingWrites);
            Assert.Equal((writer, "answer", (object?)$"{writer} answer {step}"), (write.TaskId, write.Channel, write.Value));
        }

    }

    // Sync writers block their thread for the whole run: give them their own threads rather than starve the pool.
    private static Task<List<(RunConfig Config, string Writer, int Step)>> Start(PostgresSaver saver, string threadId, string writer, bool sync) =>
        sync
            ? Task.Factory.StartNew(() => WriteAsync(saver, threadId, writer, sync).GetAwaiter().GetResult(), CancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            : Task.Run(() => WriteAsync(saver, threadId, writer, sync), CancellationToken);

    private static async Task<List<(RunConfig Config, string Writer, int Step)>> WriteAsync(PostgresSaver saver, string threadId, string writer, bool sync)
    {
        var acknowledged = new List<(RunConfig, string, int)>(PutsPerWriter);
        RunConfig? parent = null;
        for (var step = 0; step < PutsPerWriter; step++)
        {
            var checkpoint = new GraphCheckpoint
            {
                Id = CheckpointId.Create(step),
                Ts = DateTimeOffset.UtcNow.ToString("O"),
                ChannelValues = { ["messages"] = $"{writer} step {step}", ["step"] = (long)step },
                ChannelVersions = { ["messages"] = ChannelVersion.Next(null), ["step"] = ChannelVersion.Next(null) },
            };
            var config = new RunConfig(threadId, string.Empty, parent?.CheckpointId);
            var versions = new Dictionary<string, string>(checkpoint.ChannelVersions);
            var metadata = CheckpointMetadata.Create(CheckpointSource.Loop, step);
            ChannelWrite[] writes = [new("answer", $"{writer} answer {step}")];

            // Half the writers use the sync API: both paths share the pool and must be equally safe.
            RunConfig stored;
            if (sync)
            {
                stored = saver.Put(config, checkpoint, metadata, versions);
                saver.PutWrites(stored, writes, writer);
            }
            else
            {
                stored = await saver.PutAsync(config, checkpoint, metadata, versions, CancellationToken);
                await saver.PutWritesAsync(stored, writes, writer, cancellationToken: CancellationToken);
            }

            acknowledged.Add((stored, writer, step));
            parent = stored;
        }

        return acknowledged;
    }
}
