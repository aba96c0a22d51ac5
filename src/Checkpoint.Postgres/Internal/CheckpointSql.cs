using System.Text;

namespace Checkpoint.Postgres.Internal;

/// <summary>
/// The checkpointer's SQL for one schema. Every text is fixed for a given shape of request (values travel as
/// parameters, lists as arrays), so statements can be prepared once per pooled connection.
/// </summary>
/// <remarks>
/// Ids, thread ids and namespaces are ordered and compared with <c>COLLATE "C"</c>: bytewise, which for UTF-8 is code
/// point order, whatever the database's collation.
/// </remarks>
internal sealed class CheckpointSql
{
    // A stored channel_versions that is not an object (damaged data) yields no entries instead of failing the whole
    // statement with 22023; the saver then reports the damaged row by name.
    private const string ChannelVersions =
        "CASE WHEN jsonb_typeof(c.checkpoint -> 'channel_versions') = 'object' THEN c.checkpoint -> 'channel_versions' ELSE '{}'::jsonb END";

    private readonly Dictionary<int, string> _selectByShape = [];
    private readonly Lock _gate = new();

    public CheckpointSql(SchemaName schema)
    {
        Checkpoints = schema.Qualify("checkpoints");
        Blobs = schema.Qualify("checkpoint_blobs");
        Writes = schema.Qualify("checkpoint_writes");
        TryTimestamp = schema.Qualify("checkpoint_try_timestamptz");

        // One statement, so one implicit transaction and, on the sync path, no second statement for Npgsql to send
        // from the thread pool. Blobs are insert-if-absent; rewriting an id replaces checkpoint and metadata but keeps
        // the parent first recorded. A data-modifying WITH runs to completion whether or not its rows are read.
        string Put(string checkpointRow) => $"""
            WITH blobs AS (
                INSERT INTO {Blobs} (thread_id, checkpoint_ns, channel, version, type, blob)
                SELECT $1, $2, b.channel, b.version, b.type, b.blob
                FROM unnest($7::text[], $8::text[], $9::text[], $10::bytea[]) AS b(channel, version, type, blob)
                ON CONFLICT (thread_id, checkpoint_ns, channel, version) DO NOTHING)
            INSERT INTO {Checkpoints} (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, checkpoint, metadata)
            {checkpointRow}
            ON CONFLICT (thread_id, checkpoint_ns, checkpoint_id)
            DO UPDATE SET checkpoint = EXCLUDED.checkpoint, metadata = EXCLUDED.metadata
            """;
        PutCheckpoint = Put("VALUES ($1, $2, $3, $4, $5, $6)");

        // The same, with the checkpoint row written only when every (channel, version) of $11/$12 is stored (blobs
        // written before, sent as keys only). They are never among $7/$8, so the check need not see the CTE's rows.
        PutCheckpointIfBlobsExist = Put($"""
            SELECT $1, $2, $3, $4, $5, $6
            WHERE NOT EXISTS (
                SELECT 1 FROM unnest($11::text[], $12::text[]) AS k(channel, version)
                WHERE NOT EXISTS (SELECT 1 FROM {Blobs} b
                                  WHERE b.thread_id = $1 AND b.checkpoint_ns = $2 AND b.channel = k.channel AND b.version = k.version))
            """);

        // Per write, in one statement: special writes (negative index) replace, regular ones are insert-if-absent
        // (the update's WHERE turns the conflict into a no-op for them).
        UpsertWrites = $"""
            INSERT INTO {Writes} (thread_id, checkpoint_ns, checkpoint_id, task_id, task_path, idx, channel, type, blob)
            SELECT $1, $2, $3, $4, $5, w.idx, w.channel, w.type, w.blob
            FROM unnest($6::int[], $7::text[], $8::text[], $9::bytea[]) AS w(idx, channel, type, blob)
            ON CONFLICT (thread_id, checkpoint_ns, checkpoint_id, task_id, idx)
            DO UPDATE SET channel = EXCLUDED.channel, type = EXCLUDED.type, blob = EXCLUDED.blob, task_path = EXCLUDED.task_path
            WHERE EXCLUDED.idx < 0
            """;

        DeleteThreads = $"""
            WITH checkpoints AS (DELETE FROM {Checkpoints} WHERE thread_id = ANY($1)),
            blobs AS (DELETE FROM {Blobs} WHERE thread_id = ANY($1))
            DELETE FROM {Writes} WHERE thread_id = ANY($1)
            """;

        DeleteForRuns = CascadeDelete($"""
            DELETE FROM {Checkpoints}
            WHERE jsonb_typeof(metadata -> 'run_id') = 'string' AND metadata ->> 'run_id' = ANY($1)
            RETURNING thread_id, checkpoint_ns, checkpoint_id
            """);

        var ranked = $"""
            SELECT thread_id, checkpoint_ns, checkpoint_id,
                   row_number() OVER (PARTITION BY thread_id, checkpoint_ns ORDER BY checkpoint_id COLLATE "C" DESC) AS rank
            FROM {Checkpoints} WHERE thread_id = ANY($1)
            """;
        PruneKeepLast = CascadeDelete($"""
            DELETE FROM {Checkpoints} c USING ({ranked}) r
            WHERE c.thread_id = r.thread_id AND c.checkpoint_ns = r.checkpoint_ns AND c.checkpoint_id = r.checkpoint_id AND r.rank > $2
            RETURNING c.thread_id, c.checkpoint_ns, c.checkpoint_id
            """);
        PruneOlderThan = CascadeDelete($"""
            DELETE FROM {Checkpoints} c USING ({ranked}) r
            WHERE c.thread_id = r.thread_id AND c.checkpoint_ns = r.checkpoint_ns AND c.checkpoint_id = r.checkpoint_id AND r.rank > 1
              AND {TryTimestamp}(c.checkpoint ->> 'ts') < $2
            RETURNING c.thread_id, c.checkpoint_ns, c.checkpoint_id
            """);

        // One statement: the target check and the three copies share a snapshot. Returns whether the target was
        // taken (then nothing is copied). A concurrent copy to the same target fails on the primary key instead.
        CopyThread = $"""
            WITH taken AS (SELECT EXISTS (SELECT 1 FROM {Checkpoints} WHERE thread_id = $2) AS value),
            copied_checkpoints AS (
                INSERT INTO {Checkpoints} (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, type, checkpoint, metadata)
                SELECT $2, checkpoint_ns, checkpoint_id, parent_checkpoint_id, type, checkpoint, metadata
                FROM {Checkpoints} WHERE thread_id = $1 AND NOT (SELECT value FROM taken)),
            copied_blobs AS (
                INSERT INTO {Blobs} (thread_id, checkpoint_ns, channel, version, type, blob)
                SELECT $2, checkpoint_ns, channel, version, type, blob
                FROM {Blobs} WHERE thread_id = $1 AND NOT (SELECT value FROM taken)
                ON CONFLICT (thread_id, checkpoint_ns, channel, version) DO NOTHING),
            copied_writes AS (
                INSERT INTO {Writes} (thread_id, checkpoint_ns, checkpoint_id, task_id, task_path, idx, channel, type, blob)
                SELECT $2, checkpoint_ns, checkpoint_id, task_id, task_path, idx, channel, type, blob
                FROM {Writes} WHERE thread_id = $1 AND NOT (SELECT value FROM taken)
                ON CONFLICT (thread_id, checkpoint_ns, checkpoint_id, task_id, idx) DO NOTHING)
            SELECT value FROM taken
            """;
    }

    public string Checkpoints { get; }

    public string Blobs { get; }

    public string Writes { get; }

    public string TryTimestamp { get; }

    public string PutCheckpoint { get; }

    public string PutCheckpointIfBlobsExist { get; }

    public string UpsertWrites { get; }

    public string DeleteThreads { get; }

    public string DeleteForRuns { get; }

    public string PruneKeepLast { get; }

    public string PruneOlderThan { get; }

    public string CopyThread { get; }

    /// <summary>
    /// The select behind get-tuple and list: one row per checkpoint with its current blobs (looked up by primary key per entry of
    /// <c>channel_versions</c>) and its pending writes as parallel arrays. Filtering, ordering and the limit apply
    /// in the inner query, so blobs and writes are only read for rows that are returned.
    /// </summary>
    /// <param name="shape">Which filters are present; parameters are numbered in the order of <see cref="SelectShape"/>.</param>
    public string Select(SelectShape shape)
    {
        lock (_gate)
        {
            if (!_selectByShape.TryGetValue((int)shape, out var sql))
            {
                sql = BuildSelect(shape);
                _selectByShape[(int)shape] = sql;
            }

            return sql;
        }
    }

    /// <summary>
    /// Delta-channel history in one query: a recursive walk up the parent chain from the addressed checkpoint's
    /// parent that carries, per ancestor, the channels still without a seed, and stops once every channel has one.
    /// Returns the walked ancestors' writes to still-open channels and the seed blobs, oldest ancestor first.
    /// Parameters: $1 thread, $2 namespace, $3 channels, [$4 checkpoint id].
    /// </summary>
    public string DeltaHistory(bool hasCheckpointId)
    {
        // The channels of `open` that this ancestor does not store a value for.
        string StillOpen(string open) => $"""
            ARRAY(SELECT o.channel FROM unnest({open}) AS o(channel) WHERE NOT EXISTS (
                SELECT 1 FROM {Blobs} b
                WHERE b.thread_id = $1 AND b.checkpoint_ns = $2 AND b.channel = o.channel
                  AND b.version = c.checkpoint -> 'channel_versions' ->> o.channel AND b.type <> 'empty'))
            """;
        var target = hasCheckpointId ? " AND checkpoint_id = $4" : string.Empty;
        return $"""
            WITH RECURSIVE target AS (
                SELECT parent_checkpoint_id FROM {Checkpoints}
                WHERE thread_id = $1 AND checkpoint_ns = $2{target}
                ORDER BY checkpoint_id COLLATE "C" DESC LIMIT 1),
            chain AS (
                SELECT c.checkpoint_id, c.parent_checkpoint_id, c.checkpoint -> 'channel_versions' AS versions, 1 AS depth,
                       $3::text[] AS open, {StillOpen("$3::text[]")} AS still_open
                FROM {Checkpoints} c JOIN target t ON c.checkpoint_id = t.parent_checkpoint_id
                WHERE c.thread_id = $1 AND c.checkpoint_ns = $2
                UNION ALL
                SELECT c.checkpoint_id, c.parent_checkpoint_id, c.checkpoint -> 'channel_versions', chain.depth + 1,
                       chain.still_open, {StillOpen("chain.still_open")}
                FROM chain JOIN {Checkpoints} c ON c.thread_id = $1 AND c.checkpoint_ns = $2 AND c.checkpoint_id = chain.parent_checkpoint_id
                WHERE cardinality(chain.still_open) > 0)
            SELECT * FROM (
                SELECT chain.depth, chain.checkpoint_id, false AS is_seed, w.task_path, w.task_id, w.idx, w.channel, w.type, w.blob, NULL AS version
                FROM chain JOIN {Writes} w
                  ON w.thread_id = $1 AND w.checkpoint_ns = $2 AND w.checkpoint_id = chain.checkpoint_id AND w.channel = ANY(chain.open)
                UNION ALL
                SELECT chain.depth, chain.checkpoint_id, true, NULL, NULL, NULL, o.channel, b.type, b.blob, chain.versions ->> o.channel
                FROM chain CROSS JOIN LATERAL unnest(chain.open) AS o(channel)
                CROSS JOIN LATERAL (
                    SELECT x.type, x.blob FROM {Blobs} x
                    WHERE x.thread_id = $1 AND x.checkpoint_ns = $2 AND x.channel = o.channel
                      AND x.version = chain.versions ->> o.channel AND x.type <> 'empty'
                    LIMIT 1) b) history
            ORDER BY depth DESC, is_seed, task_path COLLATE "C", task_id COLLATE "C", idx
            """;
    }

    /// <summary>Lists threads with their newest checkpoint id.</summary>
    public string ListThreads(bool hasAfter, bool hasLimit)
    {
        var sql = new StringBuilder($"SELECT thread_id, max(checkpoint_id COLLATE \"C\") FROM {Checkpoints}");
        var next = 1;
        if (hasAfter)
        {
            sql.Append($" WHERE thread_id COLLATE \"C\" > ${next++}");
        }

        sql.Append(" GROUP BY thread_id ORDER BY thread_id COLLATE \"C\"");
        if (hasLimit)
        {
            sql.Append($" LIMIT ${next}");
        }

        return sql.ToString();
    }

    private string BuildSelect(SelectShape shape)
    {
        var where = new List<string>();
        var next = 1;
        if (shape.HasFlag(SelectShape.Thread))
        {
            where.Add($"thread_id = ${next++}");
        }

        if (shape.HasFlag(SelectShape.Namespace))
        {
            where.Add($"checkpoint_ns = ${next++}");
        }

        if (shape.HasFlag(SelectShape.CheckpointId))
        {
            where.Add($"checkpoint_id = ${next++}");
        }

        if (shape.HasFlag(SelectShape.Before))
        {
            where.Add($"checkpoint_id COLLATE \"C\" < ${next++}");
        }

        if (shape.HasFlag(SelectShape.Filter))
        {
            // Every filter key present at the top level with an equal value; jsonb equality is deep and compares
            // numbers by value (1 = 1.0), as the contract requires. Damaged metadata (not an object) passes, so the saver
            // reports it instead of the listing silently leaving it out.
            where.Add($"(jsonb_typeof(metadata) <> 'object' OR NOT EXISTS (SELECT 1 FROM jsonb_each(${next++}::jsonb) f WHERE metadata -> f.key IS DISTINCT FROM f.value))");
        }

        // Keys fixed by equality are left out of the order, so the (thread, ns, id COLLATE "C") index serves "latest".
        var order = new List<string> { "checkpoint_id COLLATE \"C\" DESC" };
        if (!shape.HasFlag(SelectShape.Thread))
        {
            order.Add("thread_id COLLATE \"C\"");
        }

        if (!shape.HasFlag(SelectShape.Namespace))
        {
            order.Add("checkpoint_ns COLLATE \"C\"");
        }

        var orderBy = string.Join(", ", order);
        var limit = shape.HasFlag(SelectShape.Limit) ? $" LIMIT ${next++}" : string.Empty;

        // Chunks the saver holds are not sent: a warm read moves only what the saver lacks.
        var cached = shape.HasFlag(SelectShape.Cached)
            ? $"\n                WHERE (v.channel, v.version) NOT IN (SELECT * FROM unnest(${next}::text[], ${next + 1}::text[]))"
            : string.Empty;
        var whereClause = where.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", where);
        return $"""
            SELECT c.thread_id, c.checkpoint_ns, c.checkpoint_id, c.parent_checkpoint_id, c.checkpoint::text, c.metadata::text,
                   b.channels, b.versions, b.types, b.blobs,
                   w.task_ids, w.task_paths, w.idxs, w.channels, w.types, w.blobs
            FROM (
                SELECT thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, checkpoint, metadata
                FROM {Checkpoints}{whereClause}
                ORDER BY {orderBy}{limit}) c
            LEFT JOIN LATERAL (
                SELECT array_agg(v.channel) AS channels, array_agg(v.version) AS versions, array_agg(bl.type) AS types, array_agg(bl.blob) AS blobs
                FROM jsonb_each_text({ChannelVersions}) AS v(channel, version)
                -- Empty markers come too (the base class skips them), so a raw read tells an emptied channel from a lost value.
                -- A per-entry primary-key lookup; LIMIT 1 (one row at most anyway) keeps the planner from turning it
                -- into a hash join over every blob of the namespace when its statistics are stale.
                CROSS JOIN LATERAL (
                    SELECT x.type, x.blob FROM {Blobs} x
                    WHERE x.thread_id = c.thread_id AND x.checkpoint_ns = c.checkpoint_ns AND x.channel = v.channel AND x.version = v.version
                    LIMIT 1) bl{cached}) b ON true
            LEFT JOIN LATERAL (
                SELECT array_agg(wr.task_id) AS task_ids, array_agg(wr.task_path) AS task_paths, array_agg(wr.idx) AS idxs,
                       array_agg(wr.channel) AS channels, array_agg(wr.type) AS types, array_agg(wr.blob) AS blobs
                FROM {Writes} wr
                WHERE wr.thread_id = c.thread_id AND wr.checkpoint_ns = c.checkpoint_ns AND wr.checkpoint_id = c.checkpoint_id) w ON true
            ORDER BY {string.Join(", ", order.Select(o => "c." + o))}
            """;
    }

    /// <summary>
    /// Wraps a <c>DELETE ... RETURNING thread_id, checkpoint_ns, checkpoint_id</c> of checkpoints so that their writes
    /// go too, and so do the blobs of the affected namespaces that no remaining checkpoint refers to. All parts share
    /// one snapshot, in which the doomed checkpoints are still visible: they are excluded explicitly. The versions
    /// still referenced are listed once per namespace (an anti-join), not probed per blob.
    /// </summary>
    private string CascadeDelete(string deleteCheckpoints) => $"""
        WITH doomed AS ({deleteCheckpoints}),
        doomed_writes AS (
            DELETE FROM {Writes} w USING doomed d
            WHERE w.thread_id = d.thread_id AND w.checkpoint_ns = d.checkpoint_ns AND w.checkpoint_id = d.checkpoint_id),
        affected AS (SELECT DISTINCT thread_id, checkpoint_ns FROM doomed),
        referenced AS (
            SELECT c.thread_id, c.checkpoint_ns, v.channel, v.version
            FROM {Checkpoints} c
            JOIN affected a ON a.thread_id = c.thread_id AND a.checkpoint_ns = c.checkpoint_ns
            CROSS JOIN LATERAL jsonb_each_text({ChannelVersions}) AS v(channel, version)
            WHERE NOT EXISTS (
                SELECT 1 FROM doomed d
                WHERE d.thread_id = c.thread_id AND d.checkpoint_ns = c.checkpoint_ns AND d.checkpoint_id = c.checkpoint_id)),
        orphaned_blobs AS (
            DELETE FROM {Blobs} b USING affected a
            WHERE b.thread_id = a.thread_id AND b.checkpoint_ns = a.checkpoint_ns
              AND NOT EXISTS (
                  SELECT 1 FROM referenced r
                  WHERE r.thread_id = b.thread_id AND r.checkpoint_ns = b.checkpoint_ns AND r.channel = b.channel AND r.version = b.version))
        SELECT count(*) FROM doomed
        """;
}
