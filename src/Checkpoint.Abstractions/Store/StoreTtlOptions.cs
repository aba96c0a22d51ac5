namespace Checkpoint;

/// <summary>Time-to-live settings of a store.</summary>
public sealed class StoreTtlOptions
{
    /// <summary>Gets or sets the time to live of items put without one; <see langword="null"/> for no expiry.</summary>
    public TimeSpan? DefaultTtl { get; set; }

    /// <summary>Gets or sets whether reads restart the time to live of the items they return (default <see langword="true"/>).</summary>
    public bool RefreshOnRead { get; set; } = true;

    /// <summary>Gets or sets how often the hosted sweeper removes expired items (default 5 minutes).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);
}
