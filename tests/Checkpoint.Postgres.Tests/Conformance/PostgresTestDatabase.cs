using Checkpoint.ConformanceSuite;
using Npgsql;

namespace Checkpoint.Postgres.Tests.Conformance;

/// <summary>A fresh schema on the test server, dropped (with everything in it) on dispose.</summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Initializes a database in a schema (created by the first setup).</summary>
    /// <param name="dataSource">The shared data source.</param>
    /// <param name="schema">The schema name; a new unique one when <see langword="null"/>.</param>
    public PostgresTestDatabase(NpgsqlDataSource dataSource, string? schema = null)
    {
        _dataSource = dataSource;
        Schema = schema ?? "ckpt_test_" + Guid.NewGuid().ToString("N");
        QuotedSchema = "\"" + Schema.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Gets the schema name.</summary>
    public string Schema { get; }

    /// <summary>Gets the schema name as a quoted SQL identifier.</summary>
    public string QuotedSchema { get; }

    /// <summary>Gets whether savers and stores of this database set <see cref="PostgresSaverOptions.TransactionPooling"/>.</summary>
    public bool TransactionPooling { get; init; }

    /// <summary>Gets the shared data source.</summary>
    public NpgsqlDataSource DataSource => _dataSource;

    /// <inheritdoc />
    public override StoredDataEditor Editor => new PostgresStoredDataEditor(_dataSource, Schema);

    /// <inheritdoc />
    public override BaseCheckpointSaver CreateSaver() => new PostgresSaver(_dataSource, new PostgresSaverOptions { SchemaName = Schema, TransactionPooling = TransactionPooling });

    /// <inheritdoc />
    public override BaseStore CreateStore(StoreOptions options) => new PostgresStore(_dataSource, PostgresTestStore.ToPostgresOptions(options, Schema, TransactionPooling));

    /// <inheritdoc />
    public override int CurrentSchemaVersion(SchemaComponent component) =>
        component == SchemaComponent.Checkpointer ? PostgresSaver.CurrentSchemaVersion : PostgresStore.CurrentSchemaVersion;

    /// <inheritdoc />
    public override async Task<int> GetSchemaVersionAsync(SchemaComponent component)
    {
        var table = $"{QuotedSchema}.{MigrationsTable(component)}";
        await using var exists = _dataSource.CreateCommand("SELECT to_regclass($1) IS NOT NULL");
        exists.Parameters.Add(new NpgsqlParameter { Value = table });
        if (!(bool)(await exists.ExecuteScalarAsync().ConfigureAwait(false))!)
        {
            return 0;
        }

        await using var max = _dataSource.CreateCommand($"SELECT coalesce(max(v), 0) FROM {table}");
        return Convert.ToInt32(await max.ExecuteScalarAsync().ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public override async Task SetSchemaVersionAsync(SchemaComponent component, int version)
    {
        var table = $"{QuotedSchema}.{MigrationsTable(component)}";
        await using var batch = _dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"CREATE SCHEMA IF NOT EXISTS {QuotedSchema}"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"CREATE TABLE IF NOT EXISTS {table} (v INTEGER PRIMARY KEY)"));
        var insert = new NpgsqlBatchCommand($"INSERT INTO {table} (v) VALUES ($1) ON CONFLICT DO NOTHING");
        insert.Parameters.Add(new NpgsqlParameter { Value = version });
        batch.BatchCommands.Add(insert);
        await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await using (var drop = _dataSource.CreateCommand($"DROP SCHEMA IF EXISTS {QuotedSchema} CASCADE"))
        {
            await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    private static string MigrationsTable(SchemaComponent component) =>
        component == SchemaComponent.Checkpointer ? "checkpoint_migrations" : "store_migrations";
}
