using System.Collections.Concurrent;
using System.Text;

namespace Checkpoint.Sqlite.Internal;

/// <summary>
/// The checkpointer's SQL. Every value is a parameter; lists travel as one JSON array parameter read with <c>json_each</c>.
/// A version read from checkpoint JSON is cast to text: LangGraph.js versions are JSON numbers, stored in <c>version</c> as their text.
/// </summary>
internal static class CheckpointSql
{
    public const string InsertBlob = """
        INSERT INTO checkpoint_blobs (thread_id, checkpoint_ns, channel, version, type, blob)
        VALUES ($thread, $ns, $channel, $version, $type, $blob)
        ON CONFLICT DO NOTHING
        """;

    /// <summary>How many of the (channel, version) pairs in <c>$keys</c> (a JSON list of pairs) the namespace holds.</summary>
    public const string CountBlobs = """
        SELECT count(*) FROM checkpoint_blobs
        WHERE thread_id = $thread AND checkpoint_ns = $ns
          AND (channel, version) IN (SELECT value ->> 0, value ->> 1 FROM json_each($keys))
        """;

    // Rewriting a checkpoint replaces its content and metadata but keeps the parent it was first written with.
    public const string UpsertCheckpoint = """
        INSERT INTO checkpoints (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, checkpoint, metadata)
        VALUES ($thread, $ns, $id, $parent, $checkpoint, $metadata)
        ON CONFLICT (thread_id, checkpoint_ns, checkpoint_id)
        DO UPDATE SET checkpoint = excluded.checkpoint, metadata = excluded.metadata
        """;

    public const string InsertWrite = """
        INSERT INTO checkpoint_writes (thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, type, blob, task_path)
        VALUES ($thread, $ns, $id, $task, $idx, $channel, $type, $blob, $path)
        ON CONFLICT DO NOTHING
        """;

    public const string UpsertWrite = """
        INSERT INTO checkpoint_writes (thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, type, blob, task_path)
        VALUES ($thread, $ns, $id, $task, $idx, $channel, $type, $blob, $path)
        ON CONFLICT (thread_id, checkpoint_ns, checkpoint_id, task_id, idx)
        DO UPDATE SET channel = excluded.channel, type = excluded.type, blob = excluded.blob, task_path = excluded.task_path
        """;

    public const string DeleteThreadCheckpoints = "DELETE FROM checkpoints WHERE thread_id = $thread";

    public const string DeleteThreadBlobs = "DELETE FROM checkpoint_blobs WHERE thread_id = $thread";

    public const string DeleteThreadWrites = "DELETE FROM checkpoint_writes WHERE thread_id = $thread";

    public const string ThreadHasCheckpoints = "SELECT EXISTS (SELECT 1 FROM checkpoints WHERE thread_id = $thread)";

    public const string CopyCheckpoints = """
        INSERT INTO checkpoints (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, checkpoint, metadata)
        SELECT $target, checkpoint_ns, checkpoint_id, parent_checkpoint_id, checkpoint, metadata FROM checkpoints WHERE thread_id = $source
        """;

    public const string CopyBlobs = """
        INSERT INTO checkpoint_blobs (thread_id, checkpoint_ns, channel, version, type, blob)
        SELECT $target, checkpoint_ns, channel, version, type, blob FROM checkpoint_blobs WHERE thread_id = $source
        """;

    public const string CopyWrites = """
        INSERT INTO checkpoint_writes (thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, type, blob, task_path)
        SELECT $target, checkpoint_ns, checkpoint_id, task_id, idx, channel, type, blob, task_path FROM checkpoint_writes WHERE thread_id = $source
        """;

    public const string SelectRunCheckpoints = """
        SELECT thread_id, checkpoint_ns, checkpoint_id FROM checkpoints
        WHERE json_extract(metadata, '$.run_id') IN (SELECT value FROM json_each($runs))
        """;

    /// <summary>Every checkpoint of a thread with its rank (1 = newest) within its namespace and its timestamp.</summary>
    public const string SelectThreadRanks = """
        SELECT checkpoint_ns, checkpoint_id, CASE WHEN json_valid(checkpoint) THEN checkpoint ->> '$.ts' END,
               row_number() OVER (PARTITION BY checkpoint_ns ORDER BY checkpoint_id DESC)
        FROM checkpoints WHERE thread_id = $thread
        """;

    /// <summary>Deletes the writes of checkpoints given as a JSON array of [thread, namespace, id].</summary>
    public const string DeleteWritesOf = """
        DELETE FROM checkpoint_writes
        WHERE (thread_id, checkpoint_ns, checkpoint_id) IN (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each($doomed))
        """;

    /// <summary>Deletes checkpoints given as a JSON array of [thread, namespace, id].</summary>
    public const string DeleteCheckpointsOf = """
        DELETE FROM checkpoints
        WHERE (thread_id, checkpoint_ns, checkpoint_id) IN (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each($doomed))
        """;

    /// <summary>Deletes the value blobs of the given threads that no remaining checkpoint refers to.</summary>
    public const string DeleteUnreferencedBlobs = """
        DELETE FROM checkpoint_blobs
        WHERE thread_id IN (SELECT value FROM json_each($threads))
          AND (thread_id, checkpoint_ns, channel, version) NOT IN (
              SELECT c.thread_id, c.checkpoint_ns, v.key, CAST(v.value AS TEXT)
              FROM checkpoints c, json_each(CASE WHEN json_valid(c.checkpoint) THEN c.checkpoint ELSE '{}' END, '$.channel_versions') v
              WHERE c.thread_id IN (SELECT value FROM json_each($threads)))
        """;

    public const string ListThreads = """
        SELECT thread_id, max(checkpoint_id) FROM checkpoints
        GROUP BY thread_id ORDER BY thread_id LIMIT $limit
        """;

    public const string ListThreadsAfter = """
        SELECT thread_id, max(checkpoint_id) FROM checkpoints WHERE thread_id > $after
        GROUP BY thread_id ORDER BY thread_id LIMIT $limit
        """;

    private static readonly ConcurrentDictionary<CheckpointPageShape, string> Pages = new();

    /// <summary>
    /// One page of checkpoints, newest first (id descending, then thread and namespace ascending), and in the same
    /// statement (so from the same snapshot) the value blobs their channel versions name and their pending writes.
    /// Rows are tagged 0 (checkpoint), 1 (blob) and 2 (write).
    /// </summary>
    public static string Page(CheckpointPageShape shape) => Pages.GetOrAdd(shape, BuildPage);

    /// <summary>
    /// A condition that keeps the rows whose metadata (the JSON text <paramref name="metadata"/>) may match the filter
    /// <c>$filter</c>: every filter key present with an equal value. Numbers compare by value, strings exactly, other
    /// kinds by kind here; the saver re-checks each row with deep JSON equality, so this only narrows the scan. Damaged
    /// metadata passes, so the saver reports it instead of the listing silently leaving it out.
    /// </summary>
    public static string MetadataMayMatch(string metadata) => $"""
        CASE WHEN NOT json_valid({metadata}) THEN 1 WHEN json_type({metadata}) <> 'object' THEN 1 ELSE NOT EXISTS (
            SELECT 1 FROM json_each($filter) f
            WHERE NOT EXISTS (
                SELECT 1 FROM json_each({metadata}) m
                WHERE m.key = f.key AND (
                    (m.type IN ('integer', 'real') AND f.type IN ('integer', 'real') AND m.atom = f.atom)
                    OR (m.type = 'text' AND f.type = 'text' AND m.atom = f.atom)
                    OR (m.type = f.type AND m.type IN ('true', 'false', 'null', 'array', 'object'))))) END
        """;

    private static string BuildPage(CheckpointPageShape shape)
    {
        var where = new List<string>();
        var thread = shape.HasFlag(CheckpointPageShape.Thread);
        var ns = shape.HasFlag(CheckpointPageShape.Namespace);
        if (thread)
        {
            where.Add("c.thread_id = $thread");
        }

        if (ns)
        {
            where.Add("c.checkpoint_ns = $ns");
        }

        if (shape.HasFlag(CheckpointPageShape.CheckpointId))
        {
            where.Add("c.checkpoint_id = $id");
        }

        if (shape.HasFlag(CheckpointPageShape.Before))
        {
            where.Add("c.checkpoint_id < $before");
        }

        if (shape.HasFlag(CheckpointPageShape.Cursor))
        {
            // Keyset pagination: strictly after the last row of the previous page in the list order. The first
            // term is a plain range so the scan starts at the cursor instead of the top of the index.
            where.Add(thread && ns
                ? "c.checkpoint_id < $after_id"
                : "c.checkpoint_id <= $after_id AND (c.checkpoint_id < $after_id OR c.thread_id > $after_thread OR (c.thread_id = $after_thread AND c.checkpoint_ns > $after_ns))");
        }

        if (shape.HasFlag(CheckpointPageShape.Filter))
        {
            where.Add(MetadataMayMatch("c.metadata"));
        }

        var sql = new StringBuilder();
        sql.AppendLine("WITH page AS MATERIALIZED (");
        sql.AppendLine("    SELECT c.thread_id, c.checkpoint_ns, c.checkpoint_id, c.parent_checkpoint_id, c.checkpoint, c.metadata");
        sql.AppendLine("    FROM checkpoints c");
        if (where.Count > 0)
        {
            sql.Append("    WHERE ").AppendJoin(" AND ", where).AppendLine();
        }

        sql.AppendLine("    ORDER BY c.checkpoint_id DESC, c.thread_id, c.checkpoint_ns");
        sql.AppendLine("    LIMIT $limit)");
        sql.AppendLine("""
            SELECT 0, thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, checkpoint, metadata, NULL, NULL, NULL FROM page
            UNION ALL
            SELECT 1, b.thread_id, b.checkpoint_ns, b.channel, b.version, b.type, b.blob, NULL, NULL, NULL
            FROM checkpoint_blobs b
            WHERE (b.thread_id, b.checkpoint_ns, b.channel, b.version) IN (
                SELECT p.thread_id, p.checkpoint_ns, v.key, CAST(v.value AS TEXT)
                FROM page p, json_each(CASE WHEN json_valid(p.checkpoint) THEN p.checkpoint ELSE '{}' END, '$.channel_versions') v)
            """);
        if (shape.HasFlag(CheckpointPageShape.Cached))
        {
            // Chunks the saver holds are not read: a warm read copies only what the saver lacks out of the file.
            sql.AppendLine("""
                  AND NOT (substr(b.channel, 1, 1) = char(1) AND b.version IN (SELECT value FROM json_each($cached)))
                """);
        }

        sql.AppendLine("""
            UNION ALL
            SELECT 2, w.thread_id, w.checkpoint_ns, w.checkpoint_id, w.task_id, w.task_path, w.idx, w.channel, w.type, w.blob
            FROM page p JOIN checkpoint_writes w
              ON w.thread_id = p.thread_id AND w.checkpoint_ns = p.checkpoint_ns AND w.checkpoint_id = p.checkpoint_id
            """);
        return sql.ToString();
    }
}
