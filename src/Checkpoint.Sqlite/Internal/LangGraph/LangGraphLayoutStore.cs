using System.Globalization;
using System.Text;
using System.Text.Json;
using Checkpoint.Providers;
using Microsoft.Data.Sqlite;

namespace Checkpoint.Sqlite.Internal;

/// <summary>
/// Every checkpointer operation over LangGraph's SQLite tables (<see cref="SqliteLayout.LangGraph"/>): one row per
/// checkpoint holding the whole checkpoint as one value of the saver's LangGraph wire format, metadata as UTF-8 JSON,
/// and pending writes without task paths (the table has none).
/// </summary>
internal sealed class LangGraphLayoutStore(SqliteDatabase database, ICheckpointSerializer serializer, CheckpointWireFormat format)
{
    /// <summary>Creates the tables when missing, switches to write-ahead logging, and refuses a file of the native layout.</summary>
    public async Task SetupAsync(bool async, CancellationToken cancellationToken)
    {
        database.EnsureFileExists();
        var found = await database.RunAsync(async, SqliteAccess.Read, SqliteLayoutProbe.Detect, cancellationToken).ConfigureAwait(false);
        if (found == SqliteLayout.Native)
        {
            throw SqliteLayoutProbe.Mismatch(database, SqliteLayout.Native);
        }

        await database.RunAsync(async, SqliteAccess.Exclusive, session => Done(() => database.EnsureWriteAheadLog(session)), cancellationToken).ConfigureAwait(false);
        await database.RunAsync(
            async,
            SqliteAccess.Write,
            session => Done(() =>
            {
                session.Execute(LangGraphLayoutSql.CreateCheckpoints);
                session.Execute(LangGraphLayoutSql.CreateWrites);
            }),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads one page of checkpoints in list order, after <paramref name="after"/>, with their writes (one statement for
    /// all); rows stay undecoded until the caller reaches them (<see cref="ReadCheckpoint"/>, <see cref="ReadMetadata"/>).
    /// </summary>
    public List<LangGraphRecord> ReadPage(SqliteSession session, CheckpointListQuery query, LangGraphRecord? after, int limit)
    {
        var records = new List<LangGraphRecord>();
        using (var reader = session.Command(LangGraphLayoutSql.Page)
            .With("$thread", query.ThreadId)
            .With("$ns", query.CheckpointNs)
            .With("$id", query.CheckpointId)
            .With("$before", query.Before)
            .With("$after_id", after?.CheckpointId)
            .With("$after_thread", after?.ThreadId)
            .With("$after_ns", after?.CheckpointNs)
            .With("$filter", query.Filter.Count == 0 ? null : SqlJson.Object(query.Filter))
            .With("$limit", limit)
            .ExecuteReader())
        {
            while (reader.Read())
            {
                records.Add(new LangGraphRecord(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetNullableString(3),
                    reader.GetNullableString(4),
                    Bytes(reader, 5),
                    reader.IsDBNull(6) ? null : Bytes(reader, 6),
                    []));
            }
        }

        if (records.Count > 0)
        {
            ReadWrites(session, records);
        }

        return records;
    }

    /// <summary>Decodes a record's checkpoint.</summary>
    /// <exception cref="CheckpointSerializationException">The stored checkpoint cannot be read.</exception>
    public GraphCheckpoint ReadCheckpoint(LangGraphRecord record)
    {
        var type = record.Type ?? throw new CheckpointSerializationException($"Checkpoint {record.CheckpointId} of thread '{record.ThreadId}' has no type.");
        return LangGraphCheckpointCodec.Deserialize(new SerializedValue(type, record.Checkpoint), serializer);
    }

    /// <summary>Decodes a record's metadata: UTF-8 JSON in both runtimes, whatever the checkpoint's type.</summary>
    /// <exception cref="CheckpointSerializationException">The stored metadata is not a JSON object.</exception>
    public static CheckpointMetadata ReadMetadata(LangGraphRecord record)
    {
        try
        {
            return record.Metadata is null ? new CheckpointMetadata() : CheckpointMetadata.Parse(record.Metadata);
        }
        catch (JsonException e)
        {
            throw new CheckpointSerializationException($"The metadata of checkpoint {record.CheckpointId} of thread '{record.ThreadId}' is not a JSON object: {e.Message}", null, null, e);
        }
    }

    public bool Put(SqliteSession session, CheckpointPutRequest request)
    {
        var checkpoint = LangGraphCheckpointCodec.Serialize(request.Checkpoint, serializer, format);
        session.Statement(LangGraphLayoutSql.UpsertCheckpoint)
            .Bind("$thread", request.ThreadId)
            .Bind("$ns", request.CheckpointNs)
            .Bind("$id", request.CheckpointId)
            .Bind("$parent", request.ParentCheckpointId)
            .Bind("$type", checkpoint.Type)
            .Bind("$checkpoint", checkpoint.Data ?? [])
            .Bind("$metadata", Encoding.UTF8.GetBytes(request.MetadataJson))
            .Execute();
        return true;
    }

    public static bool DeleteThread(SqliteSession session, string threadId)
    {
        session.Command(LangGraphLayoutSql.DeleteThreadWrites).With("$thread", threadId).ExecuteNonQuery();
        session.Command(LangGraphLayoutSql.DeleteThreadCheckpoints).With("$thread", threadId).ExecuteNonQuery();
        return true;
    }

    public static bool DeleteForRuns(SqliteSession session, IReadOnlyList<string> runIds)
    {
        var doomed = new List<(string Thread, string Ns, string Id)>();
        using (var reader = session.Command(LangGraphLayoutSql.RunCheckpoints).With("$runs", SqlJson.Array(runIds)).ExecuteReader())
        {
            while (reader.Read())
            {
                doomed.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        DeleteCheckpoints(session, doomed);
        return true;
    }

    public static bool CopyThread(SqliteSession session, string sourceThreadId, string targetThreadId)
    {
        if (HasCheckpoints(session, targetThreadId))
        {
            throw new InvalidOperationException($"Cannot copy thread '{sourceThreadId}' to '{targetThreadId}': the target thread already has checkpoints.");
        }

        session.Command(LangGraphLayoutSql.DeleteThreadWrites).With("$thread", targetThreadId).ExecuteNonQuery();
        session.Command(LangGraphLayoutSql.CopyCheckpoints).With("$source", sourceThreadId).With("$target", targetThreadId).ExecuteNonQuery();
        session.Command(LangGraphLayoutSql.CopyWrites).With("$source", sourceThreadId).With("$target", targetThreadId).ExecuteNonQuery();
        return true;
    }

    public bool Prune(SqliteSession session, IReadOnlyList<string> threadIds, PruneStrategy strategy)
    {
        var doomed = new List<(string Thread, string Ns, string Id)>();
        foreach (var threadId in threadIds)
        {
            if (strategy.Kind == PruneStrategyKind.DeleteAll)
            {
                DeleteThread(session, threadId);
                continue;
            }

            // Rows come newest first per namespace; the newest of each namespace is always kept.
            using var reader = session.Command(LangGraphLayoutSql.ThreadCheckpoints).With("$thread", threadId).ExecuteReader();
            string? ns = null;
            var rank = 0;
            while (reader.Read())
            {
                var rowNs = reader.GetString(0);
                rank = rowNs == ns ? rank + 1 : 1;
                ns = rowNs;
                var remove = strategy.Kind == PruneStrategyKind.KeepLast
                    ? rank > strategy.KeepCount
                    : rank > 1 && IsOlderThan(reader, strategy.Cutoff);
                if (remove)
                {
                    doomed.Add((threadId, rowNs, reader.GetString(1)));
                }
            }
        }

        DeleteCheckpoints(session, doomed);
        return true;
    }

    public static List<ThreadInfo> ReadThreads(SqliteSession session, string? after, int limit)
    {
        var threads = new List<ThreadInfo>();
        using var reader = session.Command(LangGraphLayoutSql.ListThreads).With("$after", after).With("$limit", limit).ExecuteReader();
        while (reader.Read())
        {
            threads.Add(new ThreadInfo(reader.GetString(0), reader.GetString(1)));
        }

        return threads;
    }

    private static void DeleteCheckpoints(SqliteSession session, List<(string Thread, string Ns, string Id)> doomed)
    {
        foreach (var (thread, ns, id) in doomed)
        {
            session.Command(LangGraphLayoutSql.DeleteCheckpointWrites).With("$thread", thread).With("$ns", ns).With("$id", id).ExecuteNonQuery();
            session.Command(LangGraphLayoutSql.DeleteCheckpoint).With("$thread", thread).With("$ns", ns).With("$id", id).ExecuteNonQuery();
        }
    }

    private static bool HasCheckpoints(SqliteSession session, string threadId) =>
        Convert.ToInt64(session.Command(LangGraphLayoutSql.ThreadHasCheckpoints).With("$thread", threadId).ExecuteScalar(), CultureInfo.InvariantCulture) != 0;

    private bool IsOlderThan(SqliteDataReader reader, DateTimeOffset cutoff)
    {
        // The timestamp is inside the serialized checkpoint; an unreadable one keeps the checkpoint.
        try
        {
            var checkpoint = LangGraphCheckpointCodec.Deserialize(new SerializedValue(reader.GetNullableString(2) ?? string.Empty, Bytes(reader, 3)), serializer);
            return checkpoint.TryGetTimestamp() is { } time && time < cutoff;
        }
        catch (CheckpointSerializationException)
        {
            return false;
        }
    }

    private static void ReadWrites(SqliteSession session, List<LangGraphRecord> records)
    {
        var byKey = records.ToDictionary(r => (r.ThreadId, r.CheckpointNs, r.CheckpointId));
        using var reader = session.Command(LangGraphLayoutSql.WritesOfPage)
            .With("$keys", SqlJson.Tuples(records.Select(r => new[] { r.ThreadId, r.CheckpointNs, r.CheckpointId })))
            .ExecuteReader();
        while (reader.Read())
        {
            var value = new SerializedValue(reader.GetNullableString(6) ?? SerializedValue.EmptyType, Bytes(reader, 7));
            byKey[(reader.GetString(0), reader.GetString(1), reader.GetString(2))].Writes
                .Add(new SerializedWrite(reader.GetString(3), string.Empty, reader.GetInt32(4), reader.GetString(5), value));
        }
    }

    // A foreign writer may store JSON as TEXT or BLOB; both read as bytes.
    private static byte[] Bytes(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : reader.GetFieldType(ordinal) == typeof(string) ? Encoding.UTF8.GetBytes(reader.GetString(ordinal)) : reader.GetBytes(ordinal);

    private static bool Done(Action action)
    {
        action();
        return true;
    }
}
