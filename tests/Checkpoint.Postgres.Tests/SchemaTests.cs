using Npgsql;
using Xunit;

namespace Checkpoint.Postgres.Tests;

/// <summary>The database a LangGraph user recognises: same tables, columns and migration records, in any schema.</summary>
public sealed class SchemaTests : PostgresTest
{
    [Fact]
    public async Task Setup_creates_langgraphs_tables_and_columns_and_records_versions_like_langgraph()
    {
        var database = CreateDatabase();
        await using (var saver = database.CreateSaver())
        {
            saver.Setup();
        }

        await using (var store = database.CreateStore(new StoreOptions()))
        {
            store.Setup();
        }

        Assert.Equal("checkpoint:jsonb checkpoint_id:text checkpoint_ns:text metadata:jsonb parent_checkpoint_id:text thread_id:text type:text", await ColumnsAsync(database.Schema, "checkpoints"));
        Assert.Equal("blob:bytea channel:text checkpoint_ns:text thread_id:text type:text version:text", await ColumnsAsync(database.Schema, "checkpoint_blobs"));
        Assert.Equal("blob:bytea channel:text checkpoint_id:text checkpoint_ns:text idx:integer task_id:text task_path:text thread_id:text type:text", await ColumnsAsync(database.Schema, "checkpoint_writes"));
        Assert.Equal("created_at:timestamp with time zone expires_at:timestamp with time zone key:text prefix:text ttl:interval ttl_minutes:integer updated_at:timestamp with time zone value:jsonb", await ColumnsAsync(database.Schema, "store"));
        Assert.Equal("created_at:timestamp with time zone embedding:ARRAY field_name:text key:text prefix:text updated_at:timestamp with time zone", await ColumnsAsync(database.Schema, "store_vectors"));
        Assert.Equal(PostgresSaver.CurrentSchemaVersion + 1, await ScalarAsync<long>($"SELECT count(*) FROM \"{database.Schema}\".checkpoint_migrations"));
        Assert.Equal(PostgresStore.CurrentSchemaVersion + 1, await ScalarAsync<long>($"SELECT count(*) FROM \"{database.Schema}\".store_migrations"));
    }

    [Fact]
    public async Task A_database_set_up_by_langgraph_is_upgraded_in_place_keeping_its_rows()
    {
        var database = CreateDatabase();
        var s = $"\"{database.Schema}\"";

        // LangGraph's checkpointer schema at its latest version (9), with one row written by LangGraph.
        await ExecuteAsync($"CREATE SCHEMA {s}");
        await ExecuteAsync($"CREATE TABLE {s}.checkpoint_migrations (v INTEGER PRIMARY KEY)");
        await ExecuteAsync($"CREATE TABLE {s}.checkpoints (thread_id TEXT NOT NULL, checkpoint_ns TEXT NOT NULL DEFAULT '', checkpoint_id TEXT NOT NULL, parent_checkpoint_id TEXT, type TEXT, checkpoint JSONB NOT NULL, metadata JSONB NOT NULL DEFAULT '{{}}', PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id))");
        await ExecuteAsync($"CREATE TABLE {s}.checkpoint_blobs (thread_id TEXT NOT NULL, checkpoint_ns TEXT NOT NULL DEFAULT '', channel TEXT NOT NULL, version TEXT NOT NULL, type TEXT NOT NULL, blob BYTEA, PRIMARY KEY (thread_id, checkpoint_ns, channel, version))");
        await ExecuteAsync($"CREATE TABLE {s}.checkpoint_writes (thread_id TEXT NOT NULL, checkpoint_ns TEXT NOT NULL DEFAULT '', checkpoint_id TEXT NOT NULL, task_id TEXT NOT NULL, idx INTEGER NOT NULL, channel TEXT NOT NULL, type TEXT, blob BYTEA NOT NULL, task_path TEXT NOT NULL DEFAULT '', PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id, task_id, idx))");
        await ExecuteAsync($"INSERT INTO {s}.checkpoint_migrations SELECT generate_series(0, 9)");
        await ExecuteAsync($"INSERT INTO {s}.checkpoints (thread_id, checkpoint_id, checkpoint) VALUES ('from-langgraph', '1ef', '{{\"v\": 1, \"id\": \"1ef\", \"ts\": \"2024-01-01T00:00:00+00:00\"}}')");

        await using var saver = database.CreateSaver();
        await saver.SetupAsync(CancellationToken);
        var threads = await saver.ListThreadsAsync(cancellationToken: CancellationToken).ToListAsync(CancellationToken);

        Assert.Equal(Enumerable.Range(0, PostgresSaver.CurrentSchemaVersion + 1), await ScalarAsync<int[]>($"SELECT array_agg(v ORDER BY v) FROM {s}.checkpoint_migrations"));
        Assert.Equal([new ThreadInfo("from-langgraph", "1ef")], threads);
        var stored = await PutStepAsync(saver, NewThreadId(), null, 0);
        Assert.NotNull(await saver.GetTupleAsync(stored, CancellationToken));
    }

    [Fact]
    public async Task A_schema_name_with_quotes_and_spaces_is_quoted_not_spliced()
    {
        var schema = "odd \"schema\"; DROP TABLE x; " + Guid.NewGuid().ToString("N")[..8];
        try
        {
            await using var saver = new PostgresSaver(Server.DataSource, new PostgresSaverOptions { SchemaName = schema });
            await saver.SetupAsync(CancellationToken);
            var stored = await PutStepAsync(saver, NewThreadId(), null, 0);

            Assert.NotNull(await saver.GetTupleAsync(stored, CancellationToken));
            Assert.True(await ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", schema));
        }
        finally
        {
            await ExecuteAsync($"DROP SCHEMA IF EXISTS \"{schema.Replace("\"", "\"\"", StringComparison.Ordinal)}\" CASCADE");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("nul\0schema")]
    [InlineData("a_schema_name_that_is_longer_than_the_sixty_three_bytes_postgres_keeps")]
    public void Invalid_schema_names_are_rejected_at_construction(string schema)
    {
        Assert.Throws<ArgumentException>(() => new PostgresSaver(Server.DataSource, new PostgresSaverOptions { SchemaName = schema }));
        Assert.Throws<ArgumentException>(() => new PostgresStore(Server.DataSource, new PostgresStoreOptions { SchemaName = schema }));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Prepared_statements_are_used_unless_disabled_for_pgbouncer(bool disablePreparedStatements, bool expectPrepared)
    {
        var database = CreateDatabase();

        // One physical connection, so the check below looks at the connection the saver used.
        var connectionString = new NpgsqlConnectionStringBuilder(Server.ConnectionString) { MaxPoolSize = 1 }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var setup = new PostgresSaver(dataSource, new PostgresSaverOptions { SchemaName = database.Schema }))
        {
            await setup.SetupAsync(CancellationToken);
        }

        await using var saver = new PostgresSaver(dataSource, new PostgresSaverOptions { SchemaName = database.Schema, DisablePreparedStatements = disablePreparedStatements });
        await using var store = new PostgresStore(dataSource, new PostgresStoreOptions { SchemaName = database.Schema, DisablePreparedStatements = disablePreparedStatements });
        await store.SetupAsync(CancellationToken);
        var stored = await PutStepAsync(saver, NewThreadId(), null, 0);
        await saver.PutWritesAsync(stored, [new ChannelWrite("c", 1)], "task", cancellationToken: CancellationToken);
        Assert.NotNull(await saver.GetTupleAsync(stored, CancellationToken));
        await store.PutAsync(["prepared"], "k", new System.Text.Json.Nodes.JsonObject(), null, null, CancellationToken);
        Assert.NotNull(await store.GetAsync(["prepared"], "k", cancellationToken: CancellationToken));

        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%' || $1 || '%'", connection);
        count.Parameters.Add(new NpgsqlParameter { Value = database.Schema });
        var prepared = (long)(await count.ExecuteScalarAsync(CancellationToken))!;

        Assert.Equal(expectPrepared, prepared > 0);
    }

    private static async Task<string> ColumnsAsync(string schema, string table) =>
        await ScalarAsync<string>(
            "SELECT string_agg(column_name || ':' || data_type, ' ' ORDER BY column_name COLLATE \"C\") FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2",
            schema,
            table);
}
