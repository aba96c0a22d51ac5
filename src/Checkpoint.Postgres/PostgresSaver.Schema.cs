using Checkpoint.Providers;

namespace Checkpoint.Postgres;

public sealed partial class PostgresSaver : IVersionedSchema
{
    /// <summary>Reads the version recorded in <c>checkpoint_migrations</c> and the SQL <c>Setup</c> would still run; writes nothing.</summary>
    /// <inheritdoc />
    public Task<SchemaStatus> ReadSchemaStatusAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return _migrator.ReadStatusAsync(cancellationToken);
    }
}
