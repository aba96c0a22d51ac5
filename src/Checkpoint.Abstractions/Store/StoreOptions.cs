namespace Checkpoint;

/// <summary>Options every store understands; backends derive their own options from this class.</summary>
public class StoreOptions
{
    /// <summary>Gets or sets the clock for <see cref="Item.CreatedAt"/>, <see cref="Item.UpdatedAt"/> and expiry; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets semantic search; <see langword="null"/> disables it (a search with a query then throws).</summary>
    public StoreIndexOptions? Index { get; set; }

    /// <summary>Gets or sets time-to-live behaviour; <see langword="null"/> means items expire only when a put gives a TTL.</summary>
    public StoreTtlOptions? Ttl { get; set; }

    /// <summary>Gets or sets logging and tracing settings (logger, slow-operation threshold, thread ids on spans); defaults when <see langword="null"/>.</summary>
    public CheckpointDiagnosticsOptions? Diagnostics { get; set; }
}
