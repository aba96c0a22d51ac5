using Checkpoint.Providers;
using Checkpoint.Redis.Internal;

namespace Checkpoint.Redis;

public sealed partial class RedisSaver : IVersionedSchema
{
    /// <summary>Reads the version recorded in the <c>{prefix}checkpoint-schema</c> key (and names the thread-index fill a raise to version 2 runs first); writes nothing.</summary>
    /// <inheritdoc />
    public Task<SchemaStatus> ReadSchemaStatusAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        return _redis.ReadSchemaStatusAsync(SchemaKey(_redis.Prefix), CurrentSchemaVersion, "checkpoint", $"SCAN every primary for {ThreadKeys.Pattern(_redis.Prefix, ThreadKeys.ByIdSuffix)} and add each thread to {IndexKeys[ThreadIndex.Members]}; ");
    }
}
