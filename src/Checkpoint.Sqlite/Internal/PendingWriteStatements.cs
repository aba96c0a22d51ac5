using Checkpoint.Providers;

namespace Checkpoint.Sqlite.Internal;

/// <summary>Stores pending writes through prepared statements, for both layouts (their write tables differ only in the task path).</summary>
internal static class PendingWriteStatements
{
    /// <summary>
    /// Runs <paramref name="insert"/> (insert if absent) or, for a write that replaces, <paramref name="upsert"/> once per
    /// write. Parameters: <c>$thread $ns $id $task $idx $channel $type $blob</c>, and <c>$path</c> when
    /// <paramref name="withTaskPath"/>.
    /// </summary>
    public static bool Run(SqliteSession session, CheckpointPutWritesRequest request, string insert, string upsert, bool withTaskPath)
    {
        foreach (var write in request.Writes)
        {
            var statement = session.Statement(write.IsUpsert ? upsert : insert)
                .Bind("$thread", request.ThreadId)
                .Bind("$ns", request.CheckpointNs)
                .Bind("$id", request.CheckpointId)
                .Bind("$task", write.TaskId)
                .Bind("$idx", write.Index)
                .Bind("$channel", write.Channel)
                .Bind("$type", write.Value.Type)
                .Bind("$blob", write.Value.Data ?? []);
            if (withTaskPath)
            {
                statement.Bind("$path", write.TaskPath);
            }

            statement.Execute();
        }

        return true;
    }
}
