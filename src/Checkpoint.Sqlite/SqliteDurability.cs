namespace Checkpoint.Sqlite;

/// <summary>How hard a commit pushes data to disk before it returns (SQLite's <c>PRAGMA synchronous</c> in WAL mode).</summary>
public enum SqliteDurability
{
    /// <summary>
    /// <c>synchronous = FULL</c>: every commit is flushed to stable storage before it returns, so an acknowledged
    /// checkpoint survives a process crash <em>and</em> a power loss. The default.
    /// </summary>
    Full,

    /// <summary>
    /// <c>synchronous = NORMAL</c>: commits survive a process crash (the kernel holds them) but the last few may be
    /// lost on a power loss; the database is never corrupted. Several times faster on slow disks.
    /// </summary>
    Normal,
}
