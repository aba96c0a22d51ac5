namespace Checkpoint.Sqlite.Internal;

/// <summary>
/// SQL over LangGraph's SQLite checkpointer tables (the DDL of <c>langgraph-checkpoint-sqlite</c> 3.x and
/// <c>@langchain/langgraph-checkpoint-sqlite</c> 1.x, which are the same). Every value is a parameter; an absent filter is
/// a NULL parameter, so each statement has one text and is prepared once.
/// </summary>
internal static class LangGraphLayoutSql
{
    public const string CreateCheckpoints = """
        CREATE TABLE IF NOT EXISTS checkpoints (
            thread_id TEXT NOT NULL,
            checkpoint_ns TEXT NOT NULL DEFAULT '',
            checkpoint_id TEXT NOT NULL,
            parent_checkpoint_id TEXT,
            type TEXT,
            checkpoint BLOB,
            metadata BLOB,
            PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id)
        )
        """;

    public const string CreateWrites = """
        CREATE TABLE IF NOT EXISTS writes (
            thread_id TEXT NOT NULL,
            checkpoint_ns TEXT NOT NULL DEFAULT '',
            checkpoint_id TEXT NOT NULL,
            task_id TEXT NOT NULL,
            idx INTEGER NOT NULL,
            channel TEXT NOT NULL,
            type TEXT,
            value BLOB,
            PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id, task_id, idx)
        )
        """;

    // Rewriting a checkpoint replaces its content and metadata but keeps the parent it was first written with.
    public const string UpsertCheckpoint = """
        INSERT INTO checkpoints (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, type, checkpoint, metadata)
        VALUES ($thread, $ns, $id, $parent, $type, $checkpoint, $metadata)
        ON CONFLICT (thread_id, checkpoint_ns, checkpoint_id)
        DO UPDATE SET type = excluded.type, checkpoint = excluded.checkpoint, metadata = excluded.metadata
        """;

    public const string InsertWrite = """
        INSERT OR IGNORE INTO writes (thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, type, value)
        VALUES ($thread, $ns, $id, $task, $idx, $channel, $type, $blob)
        """;

    public const string UpsertWrite = """
        INSERT OR REPLACE INTO writes (thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, type, value)
        VALUES ($thread, $ns, $id, $task, $idx, $channel, $type, $blob)
        """;

    /// <summary>
    /// One page, newest first (then thread and namespace), after an optional (id, thread, namespace) cursor; with a
    /// <c>$filter</c>, only rows whose metadata may match it (metadata is JSON as TEXT or BLOB).
    /// </summary>
    public static readonly string Page = $"""
        SELECT thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, type, checkpoint, metadata
        FROM checkpoints
        WHERE ($thread IS NULL OR thread_id = $thread)
          AND ($ns IS NULL OR checkpoint_ns = $ns)
          AND ($id IS NULL OR checkpoint_id = $id)
          AND ($before IS NULL OR checkpoint_id < $before)
          AND ($after_id IS NULL OR checkpoint_id < $after_id
               OR (checkpoint_id = $after_id AND (thread_id > $after_thread OR (thread_id = $after_thread AND checkpoint_ns > $after_ns))))
          AND ($filter IS NULL OR {CheckpointSql.MetadataMayMatch("CAST(metadata AS TEXT)")})
        ORDER BY checkpoint_id DESC, thread_id, checkpoint_ns
        LIMIT $limit
        """;

    /// <summary>The writes of a page of checkpoints (<c>$keys</c>: a JSON array of [thread, namespace, id]).</summary>
    public const string WritesOfPage = """
        SELECT thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, type, value FROM writes
        WHERE (thread_id, checkpoint_ns, checkpoint_id) IN (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each($keys))
        ORDER BY thread_id, checkpoint_ns, checkpoint_id, task_id, idx
        """;

    public const string ListThreads = """
        SELECT thread_id, max(checkpoint_id) FROM checkpoints
        WHERE ($after IS NULL OR thread_id > $after)
        GROUP BY thread_id ORDER BY thread_id LIMIT $limit
        """;

    public const string ThreadCheckpoints = "SELECT checkpoint_ns, checkpoint_id, type, checkpoint FROM checkpoints WHERE thread_id = $thread ORDER BY checkpoint_ns, checkpoint_id DESC";

    public const string RunCheckpoints = """
        SELECT thread_id, checkpoint_ns, checkpoint_id FROM checkpoints
        WHERE CASE WHEN json_valid(CAST(metadata AS TEXT)) THEN json_extract(CAST(metadata AS TEXT), '$.run_id') END IN (SELECT value FROM json_each($runs))
        """;

    public const string DeleteCheckpoint = "DELETE FROM checkpoints WHERE thread_id = $thread AND checkpoint_ns = $ns AND checkpoint_id = $id";

    public const string DeleteCheckpointWrites = "DELETE FROM writes WHERE thread_id = $thread AND checkpoint_ns = $ns AND checkpoint_id = $id";

    public const string DeleteThreadCheckpoints = "DELETE FROM checkpoints WHERE thread_id = $thread";

    public const string DeleteThreadWrites = "DELETE FROM writes WHERE thread_id = $thread";

    public const string ThreadHasCheckpoints = "SELECT EXISTS (SELECT 1 FROM checkpoints WHERE thread_id = $thread)";

    public const string CopyCheckpoints = """
        INSERT INTO checkpoints (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, type, checkpoint, metadata)
        SELECT $target, checkpoint_ns, checkpoint_id, parent_checkpoint_id, type, checkpoint, metadata FROM checkpoints WHERE thread_id = $source
        """;

    public const string CopyWrites = """
        INSERT INTO writes (thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, type, value)
        SELECT $target, checkpoint_ns, checkpoint_id, task_id, idx, channel, type, value FROM writes WHERE thread_id = $source
        """;

    /// <summary>The tables and columns that tell the layouts apart.</summary>
    public const string Tables = "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('checkpoints', 'writes', 'checkpoint_blobs', 'checkpoint_migrations')";
}
