using System.Text.Json.Nodes;
using Checkpoint.Postgres;
using Checkpoint.Sqlite;
using Npgsql;
using Xunit;

namespace Checkpoint.Interop.Tests.Harness;

/// <summary>
/// Base of the tests that share a database with LangGraph.js: the harness of the class, fresh PostgreSQL schemas on
/// the server named by <c>CHECKPOINT_TEST_POSTGRES</c> and fresh SQLite files, all removed when the test ends.
/// </summary>
/// <remarks>
/// Without <c>CHECKPOINT_TEST_POSTGRES</c> the PostgreSQL tests are skipped, or fail when <c>CHECKPOINT_TESTS_REQUIRE</c>
/// names postgres (as CI sets it). Node.js is always required: a missing or failed install fails the tests.
/// </remarks>
public abstract class InteropTest(NodeHarnessFixture fixture) : IClassFixture<NodeHarnessFixture>, IAsyncDisposable
{
    private static readonly string? ConnectionString = Environment.GetEnvironmentVariable("CHECKPOINT_TEST_POSTGRES") is { Length: > 0 } value ? value : null;
    private static readonly Lazy<NpgsqlDataSource?> SharedDataSource = new(() => ConnectionString is null ? null : NpgsqlDataSource.Create(ConnectionString));
    private readonly List<Func<Task>> _cleanup = [];

    /// <summary>Gets the LangGraph.js harness.</summary>
    protected NodeHarness Node => fixture.Harness;

    /// <summary>Gets the test's cancellation token.</summary>
    protected static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    /// <summary>Returns a fresh thread id.</summary>
    protected static string NewThreadId() => "thread-" + Guid.NewGuid().ToString("N");

    /// <summary>Calls the harness.</summary>
    protected Task<JsonNode?> CallAsync(string command, object? args) => Node.CallAsync(command, args, CancellationToken);

    /// <summary>Returns a fresh PostgreSQL schema (dropped after the test) and its target description for the harness.</summary>
    protected PostgresTarget NewPostgresSchema()
    {
        // Without a server, Require skips the test (or fails it when CHECKPOINT_TESTS_REQUIRE names postgres).
        var dataSource = SharedDataSource.Value ?? NpgsqlDataSource.Create(ExternalDatabase.Require("postgres", "CHECKPOINT_TEST_POSTGRES"));

        var schema = "interop_" + Guid.NewGuid().ToString("N");
        _cleanup.Add(async () =>
        {
            await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
            await drop.ExecuteNonQueryAsync();
        });
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        var url = $"postgresql://{Uri.EscapeDataString(builder.Username ?? "postgres")}:{Uri.EscapeDataString(builder.Password ?? string.Empty)}" +
            $"@{builder.Host}:{builder.Port}/{Uri.EscapeDataString(builder.Database ?? "postgres")}";
        return new PostgresTarget(dataSource, schema, new JsonObject { ["kind"] = "postgres", ["connectionString"] = url, ["schema"] = schema });
    }

    /// <summary>Returns a saver of ours on a schema.</summary>
    protected PostgresSaver CreatePostgresSaver(PostgresTarget target, CheckpointWireFormat wireFormat = CheckpointWireFormat.Native)
    {
        var saver = new PostgresSaver(target.DataSource, new PostgresSaverOptions { SchemaName = target.Schema, WireFormat = wireFormat });
        _cleanup.Add(() => saver.DisposeAsync().AsTask());
        return saver;
    }

    /// <summary>Returns the path of a fresh SQLite file (deleted after the test) and its target description for the harness.</summary>
    protected SqliteTarget NewSqliteFile()
    {
        var directory = Directory.CreateTempSubdirectory("checkpoint-interop-");
        _cleanup.Add(() =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
            return Task.CompletedTask;
        });
        var path = Path.Combine(directory.FullName, "shared.db");
        return new SqliteTarget(path, new JsonObject { ["kind"] = "sqlite", ["path"] = path });
    }

    /// <summary>Returns a saver of ours on a SQLite file.</summary>
    protected SqliteSaver CreateSqliteSaver(SqliteTarget target, SqliteSaverOptions options)
    {
        var saver = SqliteSaver.FromPath(target.Path, options);
        _cleanup.Add(() => saver.DisposeAsync().AsTask());
        return saver;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        for (var i = _cleanup.Count - 1; i >= 0; i--)
        {
            await _cleanup[i]();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>A PostgreSQL schema shared with the harness.</summary>
/// <param name="DataSource">Our data source.</param>
/// <param name="Schema">The schema.</param>
/// <param name="Js">The target as the harness takes it.</param>
public sealed record PostgresTarget(NpgsqlDataSource DataSource, string Schema, JsonObject Js);

/// <summary>A SQLite file shared with the harness.</summary>
/// <param name="Path">The file.</param>
/// <param name="Js">The target as the harness takes it.</param>
public sealed record SqliteTarget(string Path, JsonObject Js);
