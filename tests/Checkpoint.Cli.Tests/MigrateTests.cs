using Checkpoint.Cli.Tests.Support;

namespace Checkpoint.Cli.Tests;

/// <summary>
/// <c>checkpoint migrate</c> in a deployment pipeline: <c>--status</c> and <c>--dry-run</c> change nothing and say what
/// would run, <c>migrate</c> applies exactly the pending steps, a schema from a newer release exits 1.
/// </summary>
public sealed class MigrateTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cli-migrate-").FullName;

    private string Database => Path.Combine(_directory, "app.db");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Status_and_dry_run_change_nothing_and_migrate_applies_only_what_is_pending()
    {
        var fresh = await CliRunner.RunAsync(_directory, "--connection", Database, "migrate", "--status", "--json");
        var dryRun = await CliRunner.RunAsync(_directory, "--connection", Database, "migrate", "--dry-run");

        Assert.True(fresh.ExitCode == 0, fresh.All);
        Assert.All(fresh.Json.AsArray(), s => Assert.Equal("not-set-up", (string?)s!["state"]));
        Assert.Equal(Sqlite.SqliteSaver.CurrentSchemaVersion, fresh.Json[0]!["pending"]!.AsArray().Count);
        Assert.True(dryRun.ExitCode == 0, dryRun.All);
        Assert.Contains("CREATE TABLE checkpoints (", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains("CREATE INDEX checkpoints_thread_id_idx", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains("dry run, nothing was changed", dryRun.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Database), "--status and --dry-run must not create the database file.");

        var migrated = await CliRunner.RunAsync(_directory, "--connection", Database, "migrate", "--json");
        Assert.True(migrated.ExitCode == 0, migrated.All);
        Assert.All(migrated.Json.AsArray(), s => Assert.Equal("current", (string?)s!["state"]));
        Assert.Equal([1, 2], migrated.Json[0]!["applied_now"]!.AsArray().Select(v => (int)v!));

        // A database one release behind: the index step is pending, and only it runs.
        await ExecuteAsync("DELETE FROM checkpoint_migrations WHERE v = 2; DROP INDEX checkpoints_thread_id_idx; DROP INDEX checkpoints_checkpoint_id_idx; DROP INDEX checkpoints_run_id_idx;");
        var behind = await CliRunner.RunAsync(_directory, "--connection", Database, "migrate", "--status");
        var again = await CliRunner.RunAsync(_directory, "--connection", Database, "migrate", "--json");

        Assert.True(behind.ExitCode == 0, behind.All);
        Assert.Contains("1 migration pending", behind.Output, StringComparison.Ordinal);
        Assert.Contains("'checkpoint migrate' applies them", behind.Error, StringComparison.Ordinal);
        Assert.Equal([2], again.Json[0]!["applied_now"]!.AsArray().Select(v => (int)v!));
        Assert.Empty(again.Json[1]!["applied_now"]!.AsArray());
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("redis")]
    public async Task On_a_server_migrate_sets_up_what_status_reported_pending(string backend)
    {
        await using var target = Target.Create(backend, _directory);

        var before = await CliRunner.RunAsync(_directory, [.. target.Args, "migrate", "--status", "--json"]);
        var migrated = await CliRunner.RunAsync(_directory, [.. target.Args, "migrate", "--json"]);

        Assert.True(before.ExitCode == 0, before.All);
        Assert.All(before.Json.AsArray(), s => Assert.Equal("not-set-up", (string?)s!["state"]));
        Assert.True(migrated.ExitCode == 0, migrated.All);
        Assert.All(migrated.Json.AsArray(), s => Assert.Equal("current", (string?)s!["state"]));
        Assert.Equal(
            before.Json.AsArray().Select(s => s!["pending"]!.AsArray().Select(m => (int)m!["version"]!).ToList()),
            migrated.Json.AsArray().Select(s => s!["applied_now"]!.AsArray().Select(v => (int)v!).ToList()));
        await using var saver = await target.OpenSaverAsync(TestSerializers.Plain);
        Assert.Empty(await saver.ListAsync(null, cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_schema_migrated_by_a_newer_release_is_reported_with_exit_code_1_and_left_alone()
    {
        var setup = await CliRunner.RunAsync(_directory, "--connection", Database, "setup");
        Assert.True(setup.ExitCode == 0, setup.All);
        await ExecuteAsync("INSERT INTO store_migrations (v, applied_at) VALUES (99, 'later');");

        var status = await CliRunner.RunAsync(_directory, "--connection", Database, "migrate", "--status", "--json");
        var migrate = await CliRunner.RunAsync(_directory, "--connection", Database, "migrate");

        Assert.Equal(1, status.ExitCode);
        Assert.Equal("newer", (string?)status.Json[1]!["state"]);
        Assert.Equal(99, (int?)status.Json[1]!["applied_version"]);
        Assert.Equal(1, migrate.ExitCode);
        Assert.Contains("Use a newer version of the tool.", migrate.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", migrate.Error, StringComparison.Ordinal);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Database};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
