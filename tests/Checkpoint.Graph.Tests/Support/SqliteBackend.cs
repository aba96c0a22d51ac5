using Checkpoint.Sqlite;

namespace Checkpoint.Graph.Tests.Support;

/// <summary>SqliteSaver and SqliteStore on a file in a temporary directory; reopening opens the same file.</summary>
public sealed class SqliteBackend : GraphBackend
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("graph-sqlite-");

    public override string Name => "sqlite";

    protected override (BaseCheckpointSaver Saver, BaseStore Store) Open()
    {
        var connection = $"Data Source={Path.Combine(_directory.FullName, "graph.db")}";
        return (new SqliteSaver(connection), new SqliteStore(connection));
    }

    protected override ValueTask DisposeStorageAsync()
    {
        _directory.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }
}
