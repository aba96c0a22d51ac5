using System.Reflection;
using Checkpoint.ConformanceSuite;
using Npgsql;
using Xunit;

namespace Checkpoint.Postgres.Tests;

/// <summary>
/// Setup from many processes at once, as an operator's rollout does: every instance starts together and sets up its
/// checkpointer and its store of the same new schema at the same instant.
/// </summary>
public sealed class SetupProcessesTests : PostgresTest
{
    private const int Processes = 16;

    [Fact]
    public async Task Saver_and_store_setups_of_one_new_schema_from_16_processes_succeed_in_every_round()
    {
        var runner = typeof(SetupProcessesTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SetupRunnerPath").Value!;

        // Sixteen runtimes starting at once on a small machine can take longer than Npgsql's default 15 s to connect.
        var connectionString = new NpgsqlConnectionStringBuilder(Server.ConnectionString) { Timeout = 120 }.ConnectionString;
        await using var race = await ProcessRace.StartAsync(Processes, runner, [connectionString], CancellationToken);

        // Rounds alternate a plain name and one that must be quoted everywhere (quotes, spaces, capitals).
        var rounds = Enumerable.Range(0, 4)
            .Select(i => i % 2 == 0 ? "ckpt_race_" + Guid.NewGuid().ToString("N") : $"Race \"{i}\" Schema {Guid.NewGuid().ToString("N")[..8]}")
            .ToList();
        foreach (var schema in rounds)
        {
            var database = CreateDatabase(schema);
            var answers = await race.RoundAsync(schema, CancellationToken);

            Assert.All(answers, answer => Assert.True(answer == "ok", $"A setup process failed on schema '{schema}': {answer}"));
            await AssertCompleteAsync(database);
        }
    }

    private static async Task AssertCompleteAsync(Conformance.PostgresTestDatabase database)
    {
        await AssertSetUpAsync(database);

        // Every index must exist.
        var indexes = await ScalarAsync<string[]>("SELECT array_agg(indexname::text ORDER BY indexname) FROM pg_indexes WHERE schemaname = $1", database.Schema);
        Assert.Equal(
            [
                "checkpoint_blobs_pkey", "checkpoint_blobs_thread_id_idx", "checkpoint_migrations_pkey", "checkpoint_writes_pkey",
                "checkpoint_writes_thread_id_idx", "checkpoints_pkey", "checkpoints_thread_id_c_ns_c_idx", "checkpoints_thread_id_idx",
                "checkpoints_thread_ns_id_c_idx",
                "idx_store_expires_at", "store_migrations_pkey", "store_pkey", "store_prefix_idx", "store_vectors_pkey",
            ],
            indexes);

        await AssertSaverAndStoreWorkAsync(database);
    }
}
