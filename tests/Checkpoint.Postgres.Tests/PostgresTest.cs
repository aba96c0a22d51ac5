using Checkpoint.Postgres.Tests.Conformance;
using Npgsql;
using Xunit;

namespace Checkpoint.Postgres.Tests;

/// <summary>
/// Base of this project's own PostgreSQL tests: the server under test (skipped or failed like the kit when it is
/// unavailable), fresh schemas dropped after the test, and small SQL helpers.
/// </summary>
public abstract class PostgresTest : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    /// <summary>Gets the test's cancellation token.</summary>
    protected static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    /// <summary>Gets the backend (started by the assembly fixture).</summary>
    protected static PostgresTestStore Server
    {
        get
        {
            PostgresTestStore.Instance.EnsureAvailable();
            return PostgresTestStore.Instance;
        }
    }

    /// <summary>Returns a fresh schema on the test server, dropped when the test ends.</summary>
    /// <param name="schema">The schema's name; a new unique one when <see langword="null"/>.</param>
    protected PostgresTestDatabase CreateDatabase(string? schema = null) => Own(new PostgresTestDatabase(Server.DataSource, schema));

    /// <summary>Disposes <paramref name="resource"/> when the test ends (in reverse order of registration).</summary>
    protected T Own<T>(T resource)
        where T : IAsyncDisposable
    {
        _owned.Add(resource);
        return resource;
    }

    /// <summary>Returns a fresh thread id.</summary>
    protected static string NewThreadId() => "thread-" + Guid.NewGuid().ToString("N");

    /// <summary>Runs a scalar query on the test server.</summary>
    protected static async Task<T> ScalarAsync<T>(string sql, params object[] arguments)
    {
        await using var command = Server.DataSource.CreateCommand(sql);
        foreach (var argument in arguments)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = argument });
        }

        return (T)(await command.ExecuteScalarAsync(CancellationToken))!;
    }

    /// <summary>Runs a statement on the test server.</summary>
    protected static async Task ExecuteAsync(string sql, params object[] arguments)
    {
        await using var command = Server.DataSource.CreateCommand(sql);
        foreach (var argument in arguments)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = argument });
        }

        await command.ExecuteNonQueryAsync(CancellationToken);
    }

    /// <summary>Puts a checkpoint whose channels all get new values, as the graph runtime does for changed channels.</summary>
    protected static Task<RunConfig> PutStepAsync(BaseCheckpointSaver saver, string threadId, RunConfig? parent, int step, string? checkpointNs = "")
    {
        var checkpoint = new GraphCheckpoint
        {
            Id = CheckpointId.Create(step),
            Ts = DateTimeOffset.UtcNow.ToString("O"),
            ChannelValues = { ["messages"] = $"message {step}", ["step"] = (long)step },
            ChannelVersions = { ["messages"] = ChannelVersion.Next(null), ["step"] = ChannelVersion.Next(null) },
        };
        return saver.PutAsync(
            new RunConfig(threadId, checkpointNs, parent?.CheckpointId),
            checkpoint,
            CheckpointMetadata.Create(CheckpointSource.Loop, step),
            new Dictionary<string, string>(checkpoint.ChannelVersions),
            CancellationToken);
    }

    /// <summary>
    /// Asserts that Setup left <paramref name="database"/> complete: every migration of the saver and of the store
    /// recorded, and no index left invalid (concurrent index builds are the fragile part).
    /// </summary>
    protected static async Task AssertSetUpAsync(PostgresTestDatabase database)
    {
        foreach (var (table, latest) in new[] { ("checkpoint_migrations", PostgresSaver.CurrentSchemaVersion), ("store_migrations", PostgresStore.CurrentSchemaVersion) })
        {
            Assert.Equal(Enumerable.Range(0, latest + 1), await ScalarAsync<int[]>($"SELECT array_agg(v ORDER BY v) FROM {database.QuotedSchema}.{table}"));
        }

        Assert.Equal(0L, await ScalarAsync<long>(
            "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND NOT i.indisvalid",
            database.Schema));
    }

    /// <summary>Asserts that a new saver and store over <paramref name="database"/> write and read back.</summary>
    protected static async Task AssertSaverAndStoreWorkAsync(PostgresTestDatabase database)
    {
        await using var saver = database.CreateSaver();
        await using var store = database.CreateStore(new StoreOptions());
        var stored = await PutStepAsync(saver, NewThreadId(), null, 0);
        await store.PutAsync(["setup"], "k", new System.Text.Json.Nodes.JsonObject { ["ok"] = true }, cancellationToken: CancellationToken);

        Assert.NotNull(await saver.GetTupleAsync(stored, CancellationToken));
        Assert.NotNull(await store.GetAsync(["setup"], "k", cancellationToken: CancellationToken));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
