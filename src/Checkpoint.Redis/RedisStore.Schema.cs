using Checkpoint.Providers;
using Checkpoint.Redis.Internal;

namespace Checkpoint.Redis;

public sealed partial class RedisStore : IVersionedSchema
{
    /// <summary>Reads the version recorded in the <c>{prefix}store-schema</c> key; writes nothing.</summary>
    /// <inheritdoc />
    public Task<SchemaStatus> ReadSchemaStatusAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        return _redis.ReadSchemaStatusAsync(StoreKeys.Schema(_redis.Prefix), CurrentSchemaVersion, "store");
    }
}
