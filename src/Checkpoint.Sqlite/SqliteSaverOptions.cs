using Checkpoint.Sqlite.Internal;

namespace Checkpoint.Sqlite;

/// <summary>Options of <see cref="SqliteSaver"/>.</summary>
public sealed class SqliteSaverOptions : CheckpointSaverOptions, ISqliteConnectionSettings
{
    /// <summary>
    /// Gets or sets the format this saver writes. Default <see cref="CheckpointWireFormat.Native"/>. Set
    /// <see cref="CheckpointWireFormat.LangGraphJs"/> or <see cref="CheckpointWireFormat.LangGraphPython"/> when a
    /// LangGraph runtime must read and continue the threads this saver writes; threads LangGraph wrote are read whatever
    /// this is.
    /// </summary>
    public CheckpointWireFormat WireFormat { get; set; }

    /// <summary>
    /// Gets or sets the tables the saver uses. Default <see cref="SqliteLayout.Native"/>. Use
    /// <see cref="SqliteLayout.LangGraph"/>, with <see cref="WireFormat"/> set to the format of the LangGraph runtime
    /// (<see cref="CheckpointWireFormat.LangGraphJs"/> or <see cref="CheckpointWireFormat.LangGraphPython"/>), to share
    /// a file with LangGraph's SQLite checkpointer.
    /// </summary>
    public SqliteLayout Layout { get; set; }

    /// <summary>
    /// Gets or sets the longest an operation waits for the write lock (or a busy database) held by other connections
    /// or processes before it throws <see cref="SqliteLockTimeoutException"/>. Default: 30 seconds.
    /// </summary>
    /// <remarks>
    /// Writers of one process queue inside the library; writers of other processes are waited for with SQLite's busy
    /// handler and retried, so "database is locked" never reaches the caller before this bound.
    /// </remarks>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how hard a commit pushes data to disk. Default: <see cref="SqliteDurability.Full"/>.</summary>
    public SqliteDurability Durability { get; set; } = SqliteDurability.Full;
}
