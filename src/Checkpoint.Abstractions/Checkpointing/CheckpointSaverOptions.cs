namespace Checkpoint;

/// <summary>
/// The options every checkpointer backend shares; each backend's options derive from it, as store options derive from
/// <see cref="StoreOptions"/>.
/// </summary>
public class CheckpointSaverOptions
{
    /// <summary>
    /// Gets or sets the serializer of channel values and pending writes; <see cref="JsonCheckpointSerializer.Default"/>
    /// when <see langword="null"/>. Registered through dependency injection, a registered
    /// <see cref="ICheckpointSerializer"/> is the default.
    /// </summary>
    public ICheckpointSerializer? Serializer { get; set; }

    /// <summary>Gets or sets logging and tracing settings (logger, slow-operation threshold, thread ids on spans); defaults when <see langword="null"/>.</summary>
    public CheckpointDiagnosticsOptions? Diagnostics { get; set; }

    /// <summary>
    /// Gets or sets the bound of the saver's cache of long-list chunks (see <see cref="ChunkCacheOptions"/>): 64 MiB by
    /// default; <c>MaxBytes = 0</c> turns it off.
    /// </summary>
    public ChunkCacheOptions ChunkCache { get; set; } = new();
}
