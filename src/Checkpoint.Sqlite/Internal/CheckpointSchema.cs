namespace Checkpoint.Sqlite.Internal;

/// <summary>
/// The checkpointer's tables, named and shaped like LangGraph's PostgreSQL checkpointer so a database is recognisable:
/// one row per checkpoint (its JSON without channel values), one immutable value blob per (thread, namespace, channel,
/// version), and pending writes with their task path. Append a migration to change the schema; never edit one.
/// </summary>
internal static class CheckpointSchema
{
    public const string MigrationsTable = "checkpoint_migrations";

    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE checkpoints (
            thread_id TEXT NOT NULL,
            checkpoint_ns TEXT NOT NULL DEFAULT '',
            checkpoint_id TEXT NOT NULL,
            parent_checkpoint_id TEXT,
            checkpoint TEXT NOT NULL,
            metadata TEXT NOT NULL DEFAULT '{}',
            PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id)
        );
        CREATE TABLE checkpoint_blobs (
            thread_id TEXT NOT NULL,
            checkpoint_ns TEXT NOT NULL DEFAULT '',
            channel TEXT NOT NULL,
            version TEXT NOT NULL,
            type TEXT NOT NULL,
            blob BLOB,
            PRIMARY KEY (thread_id, checkpoint_ns, channel, version)
        );
        CREATE TABLE checkpoint_writes (
            thread_id TEXT NOT NULL,
            checkpoint_ns TEXT NOT NULL DEFAULT '',
            checkpoint_id TEXT NOT NULL,
            task_id TEXT NOT NULL,
            idx INTEGER NOT NULL,
            channel TEXT NOT NULL,
            type TEXT,
            blob BLOB,
            task_path TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id, task_id, idx)
        );
        """,
        """
        CREATE INDEX checkpoints_thread_id_idx ON checkpoints (thread_id, checkpoint_id DESC, checkpoint_ns);
        CREATE INDEX checkpoints_checkpoint_id_idx ON checkpoints (checkpoint_id DESC, thread_id, checkpoint_ns);
        CREATE INDEX checkpoints_run_id_idx ON checkpoints (json_extract(metadata, '$.run_id'));
        """,
    ];
}
