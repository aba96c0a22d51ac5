using Checkpoint.Cli.Tests.Support;
using Npgsql;

namespace Checkpoint.Cli.Tests;

/// <summary>
/// The README's session: an application outgrows its SQLite file, the tool moves its threads and memories to
/// PostgreSQL, and the application continues on the server where it stopped.
/// </summary>
public sealed class QuickstartMoveTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cli-quickstart-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_quickstart_continues_on_postgres_a_conversation_it_began_on_sqlite()
    {
        var server = ExternalDatabase.Require("postgres", "CHECKPOINT_TEST_POSTGRES");
        var database = $"cli_quickstart_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE {database}");
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            var onSqlite = await CliRunner.QuickstartAsync(_directory);
            Assert.True(onSqlite.ExitCode == 0, onSqlite.All);

            var before = await CliRunner.RunAsync(_directory, "--backend", "postgres", "--connection", connection, "migrate", "--status", "--json");
            var copy = await CliRunner.RunAsync(_directory, "--connection", "quickstart.db", "copy", "--to-backend", "postgres", "--to-connection", connection);
            var threads = await CliRunner.RunAsync(_directory, "--backend", "postgres", "--connection", connection, "threads", "--json");
            var history = await CliRunner.RunAsync(_directory, "--backend", "postgres", "--connection", connection, "history", "1", "--json");

            Assert.All(before.Json.AsArray(), s => Assert.Equal("not-set-up", (string?)s!["state"]));
            Assert.True(copy.ExitCode == 0, copy.All);
            Assert.Contains("Verified: every thread's checksum and every store item matches on the target.", copy.Error, StringComparison.Ordinal);
            Assert.Equal(["1", "2", "3", "4", "5", "6"], threads.Json.AsArray().Select(t => (string)t!["thread_id"]!).Order(StringComparer.Ordinal));
            var steps = history.Json.AsArray().Select(c => (int)c!["step"]!).ToList();
            Assert.Equal(steps.OrderDescending(), steps);
            Assert.Equal(-1, steps[^1]);

            var onPostgres = await CliRunner.QuickstartAsync(_directory, "--backend", "postgres", "--connection", connection);

            Assert.True(onPostgres.ExitCode == 0, onPostgres.All);
            Assert.Contains("Thread \"1\" already holds 4 messages from an earlier run", onPostgres.Output, StringComparison.Ordinal);
        }
        finally
        {
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
