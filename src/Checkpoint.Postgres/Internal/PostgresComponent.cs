using Npgsql;

namespace Checkpoint.Postgres.Internal;

/// <summary>
/// What a PostgreSQL saver and store both build from their data source and options: the validated schema, the
/// statement executor, and the migrator of the component's tables.
/// </summary>
internal sealed class PostgresComponent
{
    public PostgresComponent(
        NpgsqlDataSource dataSource,
        string? schemaName,
        bool disablePreparedStatements,
        bool transactionPooling,
        string component,
        string migrationsTable,
        Func<SchemaName, IReadOnlyList<Migration>> migrations)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        if (transactionPooling)
        {
            TransactionPoolingSettings.ThrowIfMissing(dataSource);
        }

        Schema = new SchemaName(schemaName, "options");
        // Named in SchemaNotSetUpException: "The PostgreSQL checkpointer schema 'x' ...".
        var described = component == "checkpoint" ? "checkpointer" : component;
        Executor = new PostgresExecutor(dataSource, prepare: !disablePreparedStatements && !transactionPooling, $"The PostgreSQL {described} schema '{Schema.Name}'");
        Migrator = new SchemaMigrator(Executor, Schema, transactionPooling, component, migrationsTable, migrations(Schema));
    }

    public SchemaName Schema { get; }

    public PostgresExecutor Executor { get; }

    public SchemaMigrator Migrator { get; }

    /// <summary>The newest version a component's migrations reach (the same for every schema).</summary>
    public static int LatestVersion(Func<SchemaName, IReadOnlyList<Migration>> migrations) => migrations(new SchemaName("public", "schema"))[^1].Version;
}
