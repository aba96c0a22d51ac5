namespace Checkpoint.Sqlite.Internal;

/// <summary>Which conditions a page query has; each combination is one SQL text (and one cached prepared statement).</summary>
[Flags]
internal enum CheckpointPageShape
{
    None = 0,
    Thread = 1,
    Namespace = 2,
    CheckpointId = 4,
    Before = 8,
    Filter = 16,
    Cursor = 32,

    /// <summary>Chunk blobs the saver holds are left out.</summary>
    Cached = 64,
}
