using Checkpoint.Providers;
using Checkpoint.Sqlite.Internal;

namespace Checkpoint.Sqlite;

public sealed partial class SqliteSaver : IVersionedSchema
{
    /// <summary>Reads the version recorded in <c>checkpoint_migrations</c> and the SQL <c>Setup</c> would still run; creates no file and writes nothing.</summary>
    /// <inheritdoc />
    /// <exception cref="NotSupportedException">The saver uses <see cref="SqliteLayout.LangGraph"/>, whose tables are LangGraph's and carry no version.</exception>
    public Task<SchemaStatus> ReadSchemaStatusAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return _langGraph is not null
            ? throw new NotSupportedException("SqliteLayout.LangGraph uses LangGraph's tables, which carry no schema version: Setup creates them when they are missing.")
            : SqliteMigrator.ReadStatusAsync(_database, CheckpointSchema.MigrationsTable, CheckpointSchema.Migrations, cancellationToken);
    }
}
