using Checkpoint.Sqlite;

namespace Checkpoint.AgentFramework.Tests.Support;

/// <summary>SqliteSaver and SqliteStore on a file in a temporary directory; reopening opens the same file.</summary>
public sealed class SqliteBackend : AgentBackend
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("agentfw-sqlite-");

    public override string Name => "sqlite";

    protected override (BaseCheckpointSaver Saver, BaseStore Store) Open()
    {
        var connection = $"Data Source={Path.Combine(_directory.FullName, "agent.db")}";
        return (new SqliteSaver(connection), new SqliteStore(connection, Configure(new SqliteStoreOptions())));
    }

    protected override ValueTask DisposeStorageAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }
}
