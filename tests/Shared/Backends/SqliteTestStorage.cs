using Checkpoint.Sqlite;

namespace Checkpoint.Tests.Support;

/// <summary>SqliteSaver and SqliteStore on a file in a temporary directory; reopening opens the same file.</summary>
public sealed class SqliteTestStorage : TestStorage
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("backend-sqlite-");

    public override string Name => "sqlite";

    public override (BaseCheckpointSaver Saver, BaseStore Store) Open(Action<StoreOptions> configureStore)
    {
        var connection = $"Data Source={Path.Combine(_directory.FullName, "backend.db")}";
        return (new SqliteSaver(connection), new SqliteStore(connection, Configure(new SqliteStoreOptions(), configureStore)));
    }

    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
        return base.DisposeAsync();
    }
}
