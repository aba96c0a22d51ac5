using Checkpoint.Providers;
using Checkpoint.Redis.Internal;

namespace Checkpoint.Redis;

public sealed partial class RedisSaver : IVersionedSchema
{
    private string SchemaDescription => $"Redis checkpoint schema (prefix '{_prefix}')";

    /// <summary>Reads the version recorded in the <c>{prefix}schema</c> key; writes nothing.</summary>
    /// <inheritdoc />
    public Task<SchemaStatus> ReadSchemaStatusAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        return SchemaStatusReader.ReadAsync(_database, SchemaKey(_prefix), SchemaDescription, CurrentSchemaVersion);
    }
}
