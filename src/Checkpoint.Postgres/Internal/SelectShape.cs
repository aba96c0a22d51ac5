namespace Checkpoint.Postgres.Internal;

/// <summary>Which conditions a checkpoint select has; each present flag adds one parameter, in this order.</summary>
[Flags]
internal enum SelectShape
{
    None = 0,
    Thread = 1,
    Namespace = 2,
    CheckpointId = 4,
    Before = 8,
    Filter = 16,
    Limit = 32,

    /// <summary>Chunk blobs the saver holds are left out: two parameters, their channels and versions.</summary>
    Cached = 64,
}
