using Checkpoint.Postgres.Internal;
using Checkpoint.Postgres.Tests.Conformance;
using Xunit;

namespace Checkpoint.Postgres.Tests.PgBouncer;

/// <summary>
/// Setup through PgBouncer in transaction mode: one transaction under a transaction-level advisory lock, which composes
/// with setups over direct connections (session-level lock, same key), builds what a direct setup builds, and leaves
/// nothing behind on the server's connections.
/// </summary>
public sealed class PgBouncerSetupTests : PgBouncerTest
{
    private const int PooledSetupsPerComponent = 6;

    [Fact]
    public async Task Setups_through_the_pooler_racing_direct_setups_of_one_schema_all_succeed_and_hold_no_lock_afterwards()
    {
        await AssertPoolerFrontsTheDirectServerAsync();
        var database = CreatePooledDatabase();
        var components = new List<StorageComponent>();
        for (var i = 0; i < PooledSetupsPerComponent; i++)
        {
            components.Add(Own(database.CreateSaver()));
            components.Add(Own(database.CreateStore(new StoreOptions())));
        }

        components.Add(Own(new PostgresSaver(Server.DataSource, new PostgresSaverOptions { SchemaName = database.Schema })));
        components.Add(Own(new PostgresStore(Server.DataSource, new PostgresStoreOptions { SchemaName = database.Schema })));

        // Released together on thread-pool threads; half use the sync API.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = components.Select((component, i) => Task.Run(async () =>
        {
            await start.Task;
            if (i % 2 == 0)
            {
                component.Setup();
            }
            else
            {
                await component.SetupAsync(CancellationToken);
            }
        })).ToList();
        start.SetResult();
        await Task.WhenAll(running);

        await AssertSetUpAsync(database);
        Assert.Equal(0L, await ScalarAsync<long>(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND ((classid::bigint << 32) | objid::bigint) = $1",
            AdvisoryLockKey.For(database.Schema)));

        await AssertSaverAndStoreWorkAsync(database);
    }

    [Fact]
    public async Task Setup_through_the_pooler_builds_the_same_tables_indexes_and_versions_as_a_direct_setup()
    {
        await AssertPoolerFrontsTheDirectServerAsync();
        var pooled = CreatePooledDatabase();
        var direct = CreateDatabase();
        await using (var saver = pooled.CreateSaver())
        await using (var store = pooled.CreateStore(new StoreOptions()))
        {
            saver.Setup();
            await store.SetupAsync(CancellationToken);
        }

        await using (var saver = direct.CreateSaver())
        await using (var store = direct.CreateStore(new StoreOptions()))
        {
            await saver.SetupAsync(CancellationToken);
            await store.SetupAsync(CancellationToken);
        }

        await AssertSetUpAsync(pooled);
        Assert.Equal(await DefinitionsAsync(direct.Schema), await DefinitionsAsync(pooled.Schema));
        await AssertSaverAndStoreWorkAsync(pooled);
    }

    [Fact]
    public async Task Setup_through_the_pooler_replaces_an_index_an_interrupted_concurrent_build_left_invalid()
    {
        var database = CreatePooledDatabase();
        await using var saver = database.CreateSaver();
        await saver.SetupAsync(CancellationToken);

        // What a concurrent build killed half-way leaves: the index exists but is invalid, and its version is unrecorded.
        const string Index = "checkpoints_thread_id_c_ns_c_idx";
        await ExecuteAsync($"UPDATE pg_index SET indisvalid = false WHERE indexrelid = '\"{database.Schema}\".{Index}'::regclass");
        await ExecuteAsync($"DELETE FROM \"{database.Schema}\".checkpoint_migrations WHERE v = {PostgresSaver.CurrentSchemaVersion}");

        await using var again = database.CreateSaver();
        await again.SetupAsync(CancellationToken);

        Assert.True(await ScalarAsync<bool>($"SELECT indisvalid FROM pg_index WHERE indexrelid = '\"{database.Schema}\".{Index}'::regclass"));
        Assert.Equal(PostgresSaver.CurrentSchemaVersion, await ScalarAsync<int>($"SELECT max(v) FROM \"{database.Schema}\".checkpoint_migrations"));
    }

    private static async Task AssertPoolerFrontsTheDirectServerAsync()
    {
        const string Identity = "SELECT system_identifier FROM pg_control_system()";
        await using var pooled = Pooler.DataSource.CreateCommand(Identity);
        Assert.True(
            Equals(await ScalarAsync<long>(Identity), await pooled.ExecuteScalarAsync(CancellationToken)),
            $"{PostgresTestStore.PgBouncerConnectionStringVariable} must name a PgBouncer in front of the server of {PostgresTestStore.ConnectionStringVariable}.");
    }

    // Every table's columns and every index's definition, with the schema name taken out.
    private static async Task<string[]> DefinitionsAsync(string schema) => await ScalarAsync<string[]>(
        """
        SELECT array_agg(d ORDER BY d) FROM (
            SELECT replace(indexdef, $1, 'S') AS d FROM pg_indexes WHERE schemaname = $1
            UNION ALL
            SELECT table_name || '.' || column_name || ':' || data_type || ':' || is_nullable || ':' || coalesce(column_default, '')
            FROM information_schema.columns WHERE table_schema = $1) x
        """,
        schema);
}
