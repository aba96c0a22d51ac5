using Checkpoint.Providers;
using Checkpoint.Sqlite.Internal;

namespace Checkpoint.Sqlite;

public sealed partial class SqliteStore : IVersionedSchema
{
    /// <summary>Reads the version recorded in <c>store_migrations</c> and the SQL <c>Setup</c> would still run; creates no file and writes nothing.</summary>
    /// <inheritdoc />
    public Task<SchemaStatus> ReadSchemaStatusAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return SqliteMigrator.ReadStatusAsync(_database, StoreSchema.MigrationsTable, StoreSchema.Migrations, cancellationToken);
    }
}
