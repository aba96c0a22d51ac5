namespace Checkpoint.Postgres.Internal;

/// <summary>
/// The checkpointer's schema steps. Versions 0-9 are LangGraph's (<c>langgraph-checkpoint-postgres</c>), so a database
/// created by LangGraph is recognised and upgraded in place; versions from 10 on are this library's additions.
/// </summary>
internal static class CheckpointMigrations
{
    public const string Table = "checkpoint_migrations";

    public static IReadOnlyList<Migration> For(SchemaName schema)
    {
        var checkpoints = schema.Qualify("checkpoints");
        var blobs = schema.Qualify("checkpoint_blobs");
        var writes = schema.Qualify("checkpoint_writes");
        return
        [
            new(0, $"CREATE TABLE IF NOT EXISTS {schema.Qualify(Table)} (v INTEGER PRIMARY KEY)"),
            new(1, $"""
                CREATE TABLE IF NOT EXISTS {checkpoints} (
                    thread_id TEXT NOT NULL,
                    checkpoint_ns TEXT NOT NULL DEFAULT '',
                    checkpoint_id TEXT NOT NULL,
                    parent_checkpoint_id TEXT,
                    type TEXT,
                    checkpoint JSONB NOT NULL,
                    metadata JSONB NOT NULL DEFAULT '{"{}"}',
                    PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id))
                """),
            new(2, $"""
                CREATE TABLE IF NOT EXISTS {blobs} (
                    thread_id TEXT NOT NULL,
                    checkpoint_ns TEXT NOT NULL DEFAULT '',
                    channel TEXT NOT NULL,
                    version TEXT NOT NULL,
                    type TEXT NOT NULL,
                    blob BYTEA,
                    PRIMARY KEY (thread_id, checkpoint_ns, channel, version))
                """),
            new(3, $"""
                CREATE TABLE IF NOT EXISTS {writes} (
                    thread_id TEXT NOT NULL,
                    checkpoint_ns TEXT NOT NULL DEFAULT '',
                    checkpoint_id TEXT NOT NULL,
                    task_id TEXT NOT NULL,
                    idx INTEGER NOT NULL,
                    channel TEXT NOT NULL,
                    type TEXT,
                    blob BYTEA NOT NULL,
                    PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id, task_id, idx))
                """),
            new(4, $"ALTER TABLE {blobs} ALTER COLUMN blob DROP NOT NULL"),
            new(5, "SELECT 1"),
            new(6, $"CREATE INDEX CONCURRENTLY IF NOT EXISTS checkpoints_thread_id_idx ON {checkpoints} (thread_id)", "checkpoints_thread_id_idx"),
            new(7, $"CREATE INDEX CONCURRENTLY IF NOT EXISTS checkpoint_blobs_thread_id_idx ON {blobs} (thread_id)", "checkpoint_blobs_thread_id_idx"),
            new(8, $"CREATE INDEX CONCURRENTLY IF NOT EXISTS checkpoint_writes_thread_id_idx ON {writes} (thread_id)", "checkpoint_writes_thread_id_idx"),
            new(9, $"ALTER TABLE {writes} ADD COLUMN IF NOT EXISTS task_path TEXT NOT NULL DEFAULT ''"),

            // 10: "latest" and list order compare ids bytewise (COLLATE "C"); the primary key uses the database's
            // collation, so without this index every get-latest would sort the whole namespace.
            new(10, $"""CREATE INDEX CONCURRENTLY IF NOT EXISTS checkpoints_thread_ns_id_c_idx ON {checkpoints} (thread_id, checkpoint_ns, checkpoint_id COLLATE "C")""", "checkpoints_thread_ns_id_c_idx"),

            // 11: prune by age parses the checkpoint's ts in SQL; an unparsable ts must mean "keep", not an error.
            // Strings without an offset are read as UTC, as DateTimeOffset parsing with AssumeUniversal does.
            new(11, $"""
                CREATE OR REPLACE FUNCTION {schema.Qualify("checkpoint_try_timestamptz")}(ts text) RETURNS timestamptz
                LANGUAGE plpgsql STABLE STRICT SET TimeZone = 'UTC' AS $fn$
                BEGIN
                    RETURN ts::timestamptz;
                EXCEPTION WHEN OTHERS THEN
                    RETURN NULL;
                END
                $fn$
                """),

            // 12: List on a thread without a namespace orders by id across namespaces (id descending, then namespace);
            // without an index in exactly that order every such call sorts the whole thread.
            new(12, $"""CREATE INDEX CONCURRENTLY IF NOT EXISTS checkpoints_thread_id_c_ns_c_idx ON {checkpoints} (thread_id, checkpoint_id COLLATE "C" DESC, checkpoint_ns COLLATE "C")""", "checkpoints_thread_id_c_ns_c_idx"),
        ];
    }
}
