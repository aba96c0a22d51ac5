namespace Checkpoint.Sqlite.Internal;

/// <summary>Tells which checkpointer layout a SQLite file holds, so Setup refuses the other one with a clear message.</summary>
internal static class SqliteLayoutProbe
{
    /// <summary>Returns the layout the file's tables belong to, or <see langword="null"/> when it has no checkpointer tables.</summary>
    public static SqliteLayout? Detect(SqliteSession session)
    {
        var tables = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = session.Command(LangGraphLayoutSql.Tables).ExecuteReader())
        {
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        if (tables.Contains("checkpoint_migrations") || tables.Contains("checkpoint_blobs"))
        {
            return SqliteLayout.Native;
        }

        return tables.Contains("checkpoints") || tables.Contains("writes") ? SqliteLayout.LangGraph : null;
    }

    /// <summary>The error for a file that holds the other layout.</summary>
    public static SqliteDatabaseException Mismatch(SqliteDatabase database, SqliteLayout found) => SqliteErrors.Unusable(
        found == SqliteLayout.LangGraph
            ? $"'{database.DataSource}' holds LangGraph's SQLite checkpointer tables (checkpoints and writes, as langgraph-checkpoint-sqlite and " +
              "@langchain/langgraph-checkpoint-sqlite create them), not this library's native layout. To share it with LangGraph, create the saver with " +
              "new SqliteSaverOptions { Layout = SqliteLayout.LangGraph, WireFormat = CheckpointWireFormat.LangGraphJs } (or LangGraphPython, " +
              "for a file LangGraph Python writes). Nothing was changed."
            : $"'{database.DataSource}' holds this library's native SQLite checkpointer layout (checkpoint_migrations, checkpoint_blobs), which " +
              "LangGraph cannot read. Open it with SqliteLayout.Native, or give the LangGraph layout a file of its own. Nothing was changed.",
        database,
        SqliteErrors.Error,
        null);
}
