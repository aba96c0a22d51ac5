namespace Checkpoint;

/// <summary>Options of <see cref="BaseCheckpointSaver.ListThreads"/>. Threads are returned in ordinal order of their ids.</summary>
public sealed class ThreadListOptions
{
    /// <summary>Gets or sets a cursor: only threads whose id is ordinally greater are returned (pass the last id of the previous page).</summary>
    public string? After { get; set; }

    /// <summary>Gets or sets the maximum number of threads to return; <see langword="null"/> for no limit.</summary>
    public int? Limit { get; set; }
}
