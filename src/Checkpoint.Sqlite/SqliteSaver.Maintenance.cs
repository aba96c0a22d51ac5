using System.Globalization;
using Checkpoint.Sqlite.Internal;

namespace Checkpoint.Sqlite;

/// <content>Delete, delete-for-runs, copy and prune, each one transaction.</content>
public sealed partial class SqliteSaver
{
    /// <inheritdoc />
    protected override Task DeleteThreadCore(bool async, string threadId, CancellationToken cancellationToken) =>
        _database.RunAsync(async, SqliteAccess.Write, session => _langGraph is null ? DeleteThread(session, threadId) : LangGraphLayoutStore.DeleteThread(session, threadId), cancellationToken).AsTask();

    /// <inheritdoc />
    protected override Task DeleteForRunsCore(bool async, IReadOnlyList<string> runIds, CancellationToken cancellationToken) =>
        _database.RunAsync(async, SqliteAccess.Write, session => _langGraph is null ? DeleteForRuns(session, runIds) : LangGraphLayoutStore.DeleteForRuns(session, runIds), cancellationToken).AsTask();

    /// <inheritdoc />
    protected override Task CopyThreadCore(bool async, string sourceThreadId, string targetThreadId, CancellationToken cancellationToken) =>
        _database.RunAsync(async, SqliteAccess.Write, session => _langGraph is null ? CopyThread(session, sourceThreadId, targetThreadId) : LangGraphLayoutStore.CopyThread(session, sourceThreadId, targetThreadId), cancellationToken).AsTask();

    /// <inheritdoc />
    protected override Task PruneCore(bool async, IReadOnlyList<string> threadIds, PruneStrategy strategy, CancellationToken cancellationToken) =>
        _database.RunAsync(async, SqliteAccess.Write, session => _langGraph?.Prune(session, threadIds, strategy) ?? Prune(session, threadIds, strategy), cancellationToken).AsTask();

    private static bool DeleteThread(SqliteSession session, string threadId)
    {
        session.Command(CheckpointSql.DeleteThreadWrites).With("$thread", threadId).ExecuteNonQuery();
        session.Command(CheckpointSql.DeleteThreadBlobs).With("$thread", threadId).ExecuteNonQuery();
        session.Command(CheckpointSql.DeleteThreadCheckpoints).With("$thread", threadId).ExecuteNonQuery();
        return true;
    }

    private static bool DeleteForRuns(SqliteSession session, IReadOnlyList<string> runIds)
    {
        var doomed = new List<string[]>();
        using (var reader = session.Command(CheckpointSql.SelectRunCheckpoints).With("$runs", SqlJson.Array(runIds)).ExecuteReader())
        {
            while (reader.Read())
            {
                doomed.Add([reader.GetString(0), reader.GetString(1), reader.GetString(2)]);
            }
        }

        DeleteCheckpoints(session, doomed, doomed.Select(d => d[0]));
        return true;
    }

    private static bool CopyThread(SqliteSession session, string sourceThreadId, string targetThreadId)
    {
        if (HasCheckpoints(session, targetThreadId))
        {
            throw new InvalidOperationException($"Cannot copy thread '{sourceThreadId}' to '{targetThreadId}': the target thread already has checkpoints.");
        }

        if (!HasCheckpoints(session, sourceThreadId))
        {
            return false;
        }

        // The copy replaces whatever the target held without checkpoints (stray writes or blobs).
        session.Command(CheckpointSql.DeleteThreadWrites).With("$thread", targetThreadId).ExecuteNonQuery();
        session.Command(CheckpointSql.DeleteThreadBlobs).With("$thread", targetThreadId).ExecuteNonQuery();
        foreach (var sql in (string[])[CheckpointSql.CopyCheckpoints, CheckpointSql.CopyBlobs, CheckpointSql.CopyWrites])
        {
            session.Command(sql).With("$source", sourceThreadId).With("$target", targetThreadId).ExecuteNonQuery();
        }

        return true;
    }

    private static bool Prune(SqliteSession session, IReadOnlyList<string> threadIds, PruneStrategy strategy)
    {
        if (strategy.Kind == PruneStrategyKind.DeleteAll)
        {
            foreach (var threadId in threadIds)
            {
                DeleteThread(session, threadId);
            }

            return true;
        }

        var doomed = new List<string[]>();
        foreach (var threadId in threadIds)
        {
            using var reader = session.Command(CheckpointSql.SelectThreadRanks).With("$thread", threadId).ExecuteReader();
            while (reader.Read())
            {
                // Rank 1 is the newest checkpoint of its namespace, which every strategy keeps.
                var rank = reader.GetInt64(3);
                var remove = strategy.Kind == PruneStrategyKind.KeepLast
                    ? rank > strategy.KeepCount
                    : rank > 1 && IsOlderThan(reader.GetNullableString(2), strategy.Cutoff);
                if (remove)
                {
                    doomed.Add([threadId, reader.GetString(0), reader.GetString(1)]);
                }
            }
        }

        // Pruning also collects the listed threads' blobs that no checkpoint refers to, even when no checkpoint goes.
        DeleteCheckpoints(session, doomed, threadIds);
        return true;
    }

    /// <summary>Deletes checkpoints with their writes, then the value blobs of the given threads that nothing refers to any more.</summary>
    private static void DeleteCheckpoints(SqliteSession session, List<string[]> doomed, IEnumerable<string> threadIds)
    {
        if (doomed.Count > 0)
        {
            var json = SqlJson.Tuples(doomed);
            session.Command(CheckpointSql.DeleteWritesOf).With("$doomed", json).ExecuteNonQuery();
            session.Command(CheckpointSql.DeleteCheckpointsOf).With("$doomed", json).ExecuteNonQuery();
        }

        var threads = threadIds.Distinct(StringComparer.Ordinal).ToList();
        if (threads.Count > 0)
        {
            session.Command(CheckpointSql.DeleteUnreferencedBlobs).With("$threads", SqlJson.Array(threads)).ExecuteNonQuery();
        }
    }

    private static bool HasCheckpoints(SqliteSession session, string threadId) =>
        Convert.ToInt64(session.Command(CheckpointSql.ThreadHasCheckpoints).With("$thread", threadId).ExecuteScalar(), CultureInfo.InvariantCulture) != 0;

    // Parsed exactly as GraphCheckpoint.TryGetTimestamp does; an unreadable timestamp keeps the checkpoint.
    private static bool IsOlderThan(string? ts, DateTimeOffset cutoff) =>
        ts is not null && new GraphCheckpoint { Id = string.Empty, Ts = ts }.TryGetTimestamp() is { } time && time < cutoff;
}
