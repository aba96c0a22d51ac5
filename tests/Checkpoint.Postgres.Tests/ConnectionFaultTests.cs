using Npgsql;
using Xunit;

namespace Checkpoint.Postgres.Tests;

/// <summary>
/// An outage while a writer runs: the test's own database stops accepting connections and its connections are
/// terminated (<c>pg_terminate_backend</c>), then it comes back. The shared server itself is never restarted.
/// </summary>
public sealed class ConnectionFaultTests : PostgresTest
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Calls_fail_clearly_during_an_outage_and_succeed_afterwards_with_the_same_saver_and_no_torn_checkpoint()
    {
        var database = "ckpt_fault_" + Guid.NewGuid().ToString("N");
        var applicationName = "ckpt-fault-" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync($"CREATE DATABASE \"{database}\"");
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(Server.ConnectionString)
            {
                Database = database,
                ApplicationName = applicationName,
                Timeout = 5,
                CommandTimeout = 30,
            }.ConnectionString;
            await using var saver = PostgresSaver.FromConnectionString(connectionString);
            await saver.SetupAsync(CancellationToken);

            using var stop = new CancellationTokenSource();
            var writer = new Writer(saver, NewThreadId());
            var loop = Task.Run(() => writer.RunAsync(stop.Token), CancellationToken);

            await WaitUntilAsync(() => writer.Acknowledged.Count >= 10, "the writer to get going");

            // Outage: no new connections to this database, and every existing one is killed.
            await ExecuteAsync($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS false");
            await ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", applicationName);
            var failuresBefore = writer.Failures.Count;
            await WaitUntilAsync(() => writer.Failures.Count >= failuresBefore + 3, "calls to fail during the outage");
            var direct = await Assert.ThrowsAnyAsync<NpgsqlException>(() => saver.GetTupleAsync(new RunConfig(writer.ThreadId), CancellationToken));
            Assert.Contains(database, direct.Message, StringComparison.Ordinal);

            // Recovery: the same saver instance carries on.
            await ExecuteAsync($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS true");
            var acknowledgedAtRecovery = writer.Acknowledged.Count;
            await WaitUntilAsync(() => writer.Acknowledged.Count >= acknowledgedAtRecovery + 10, "calls to succeed after the outage");
            await stop.CancelAsync();
            await loop;

            Assert.All(writer.Failures, e => Assert.IsAssignableFrom<NpgsqlException>(e));
            Assert.All(writer.Failures, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
            foreach (var (config, step) in writer.Acknowledged)
            {
                var tuple = await saver.GetTupleAsync(config, CancellationToken);
                Assert.NotNull(tuple);
                Assert.Equal($"message {step}", tuple.Checkpoint.ChannelValues["messages"]);
                Assert.Equal((long)step, tuple.Checkpoint.ChannelValues["step"]);
            }

            // Whatever was interrupted, no checkpoint row refers to a channel version whose blob is missing.
            await using var check = saver.DataSource.CreateCommand(
                """
                SELECT count(*) FROM checkpoints c, jsonb_each_text(c.checkpoint -> 'channel_versions') v(channel, version)
                WHERE NOT EXISTS (
                    SELECT 1 FROM checkpoint_blobs b
                    WHERE b.thread_id = c.thread_id AND b.checkpoint_ns = c.checkpoint_ns AND b.channel = v.channel AND b.version = v.version)
                """);
            Assert.Equal(0L, (long)(await check.ExecuteScalarAsync(CancellationToken))!);
        }
        finally
        {
            await ExecuteAsync($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS true");
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        // Polling with a deadline: the writer runs against a real server on its own schedule.
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(20, CancellationToken);
        }
    }

    /// <summary>Puts a chain of checkpoints with a pending write each, recording what was acknowledged and what failed.</summary>
    private sealed class Writer(PostgresSaver saver, string threadId)
    {
        private readonly List<(RunConfig Config, int Step)> _acknowledged = [];
        private readonly List<Exception> _failures = [];

        public string ThreadId { get; } = threadId;

        public IReadOnlyList<(RunConfig Config, int Step)> Acknowledged
        {
            get
            {
                lock (_acknowledged)
                {
                    return [.. _acknowledged];
                }
            }
        }

        public IReadOnlyList<Exception> Failures
        {
            get
            {
                lock (_failures)
                {
                    return [.. _failures];
                }
            }
        }

        public async Task RunAsync(CancellationToken stop)
        {
            RunConfig? parent = null;
            for (var step = 0; !stop.IsCancellationRequested; step++)
            {
                try
                {
                    var stored = await PutStepAsync(saver, ThreadId, parent, step);
                    await saver.PutWritesAsync(stored, [new ChannelWrite("answer", step)], "task", cancellationToken: CancellationToken);
                    lock (_acknowledged)
                    {
                        _acknowledged.Add((stored, step));
                    }

                    parent = stored;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    lock (_failures)
                    {
                        _failures.Add(e);
                    }

                    // Retry pacing for the writer only; no assertion depends on it.
                    await Task.Delay(10, CancellationToken);
                }
            }
        }
    }
}
