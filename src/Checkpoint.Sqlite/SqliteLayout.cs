namespace Checkpoint.Sqlite;

/// <summary>The tables a <see cref="SqliteSaver"/> keeps its checkpoints in.</summary>
public enum SqliteLayout
{
    /// <summary>
    /// This library's layout (the default): <c>checkpoints</c>, <c>checkpoint_blobs</c> (one value per channel and
    /// version, so a step stores only what changed) and <c>checkpoint_writes</c>, versioned in <c>checkpoint_migrations</c>.
    /// </summary>
    Native = 0,

    /// <summary>
    /// LangGraph's SQLite layout, as <c>langgraph-checkpoint-sqlite</c> and <c>@langchain/langgraph-checkpoint-sqlite</c>
    /// create it: <c>checkpoints</c> holding each whole checkpoint as one serialized value and <c>writes</c>, so LangGraph
    /// and this library can share one file. Requires a LangGraph <see cref="SqliteSaverOptions.WireFormat"/>.
    /// </summary>
    LangGraph = 1,
}
