using System.Diagnostics;
using System.Reflection;
using Xunit;

namespace Checkpoint.Postgres.Tests;

/// <summary>Setup from many processes at once, as when a fleet of application instances starts against an empty database.</summary>
public sealed class SetupProcessesTests : PostgresTest
{
    private const int Processes = 16;

    [Fact]
    public async Task Setup_from_16_processes_on_an_empty_schema_succeeds_everywhere_and_records_each_migration_once()
    {
        var database = CreateDatabase();
        var runner = typeof(SetupProcessesTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SetupRunnerPath").Value!;
        Assert.True(File.Exists(runner), $"The setup runner was not built at {runner}.");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

        var runs = Enumerable.Range(0, Processes).Select(_ => RunAsync(dotnet, runner, Server.ConnectionString, database.Schema)).ToList();
        var results = await Task.WhenAll(runs);

        Assert.All(results, r => Assert.True(r.ExitCode == 0, $"A setup process failed (exit {r.ExitCode}): {r.Error}"));
        foreach (var (table, latest) in new[] { ("checkpoint_migrations", PostgresSaver.CurrentSchemaVersion), ("store_migrations", PostgresStore.CurrentSchemaVersion) })
        {
            var versions = await ScalarAsync<int[]>($"SELECT array_agg(v ORDER BY v) FROM \"{database.Schema}\".{table}");
            Assert.Equal(Enumerable.Range(0, latest + 1), versions);
        }

        // Concurrent index builds are the fragile part: every index must exist and be valid.
        var invalid = await ScalarAsync<long>(
            "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND NOT i.indisvalid",
            database.Schema);
        var indexes = await ScalarAsync<string[]>("SELECT array_agg(indexname::text ORDER BY indexname) FROM pg_indexes WHERE schemaname = $1", database.Schema);
        Assert.Equal(0, invalid);
        Assert.Equal(
            [
                "checkpoint_blobs_pkey", "checkpoint_blobs_thread_id_idx", "checkpoint_migrations_pkey", "checkpoint_writes_pkey",
                "checkpoint_writes_thread_id_idx", "checkpoints_pkey", "checkpoints_thread_id_c_ns_c_idx", "checkpoints_thread_id_idx",
                "checkpoints_thread_ns_id_c_idx",
                "idx_store_expires_at", "store_migrations_pkey", "store_pkey", "store_prefix_idx", "store_vectors_pkey",
            ],
            indexes);

        // And the schema works.
        await using var saver = database.CreateSaver();
        var stored = await PutStepAsync(saver, NewThreadId(), null, 0);
        Assert.NotNull(await saver.GetTupleAsync(stored, CancellationToken));
    }

    private static async Task<(int ExitCode, string Error)> RunAsync(string dotnet, string runner, string connectionString, string schema)
    {
        var start = new ProcessStartInfo(dotnet)
        {
            ArgumentList = { runner, connectionString, schema },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(CancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken);
        try
        {
            await process.WaitForExitAsync(CancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await error + await output);
    }
}
