using Checkpoint.ConformanceSuite;
using Checkpoint.Sqlite.Internal;
using Checkpoint.Sqlite.Tests.Files;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Checkpoint.Sqlite.Tests;

/// <summary>
/// Files that are not usable databases: each gives a clear, typed exception naming the file, and the file's bytes are
/// exactly what they were (hashed before and after).
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempFolder _folder = new("bad-input");

    [Theory, BothModes]
    public async Task A_file_that_is_not_sqlite_is_refused_and_left_unchanged(ApiMode mode)
    {
        var path = _folder.NewFile("text");
        await File.WriteAllTextAsync(path, string.Concat(Enumerable.Repeat("These are meeting notes, not a database. ", 200)), TestContext.Current.CancellationToken);
        var before = FileSnapshot.Hash(path);

        var error = await AssertEveryOperationThrows<SqliteDatabaseException>(path, mode);

        Assert.Contains("is not a SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal(SqliteErrors.NotADatabase, error.SqliteErrorCode);
        Assert.Equal(before, FileSnapshot.Hash(path));
    }

    [Theory, BothModes]
    public async Task A_corrupt_database_is_refused_and_left_unchanged(ApiMode mode)
    {
        var path = await CreateDatabaseWithCheckpointAsync();

        // Keep the 100-byte header (so it still looks like SQLite) and scramble the schema page behind it.
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            file.Position = 100;
            await file.WriteAsync(Enumerable.Range(0, 3000).Select(i => (byte)(i * 37)).ToArray(), TestContext.Current.CancellationToken);
        }

        var before = FileSnapshot.Hash(path);

        var error = await AssertEveryOperationThrows<SqliteDatabaseException>(path, mode);

        Assert.Contains("is corrupt", error.Message, StringComparison.Ordinal);
        Assert.Equal(SqliteErrors.Corrupt, error.SqliteErrorCode);
        Assert.Equal(before, FileSnapshot.Hash(path));
    }

    [Theory, BothModes]
    public async Task A_read_only_file_can_be_read_but_writes_are_refused_and_it_is_left_unchanged(ApiMode mode)
    {
        var (path, stored) = await CreateDatabaseWithCheckpointAndConfigAsync();
        using var readOnly = new ReadOnlyFile(path);
        var before = FileSnapshot.Hash(path);

        await using var saver = SqliteSaver.FromPath(path);
        var api = new SaverApi(saver, mode);
        await api.SetupAsync();
        var tuple = await api.GetTupleAsync(stored);
        var error = await Assert.ThrowsAsync<SqliteDatabaseException>(() => api.PutAsync(stored, TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions()));

        Assert.NotNull(tuple);
        Assert.Contains("is read-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(SqliteErrors.ReadOnly, error.SqliteErrorCode);
        await saver.DisposeAsync();
        Assert.Equal(before, FileSnapshot.Hash(path));
    }

    [Theory, BothModes]
    public async Task A_read_only_connection_can_read_but_writes_are_refused_and_the_file_is_left_unchanged(ApiMode mode)
    {
        var (path, stored) = await CreateDatabaseWithCheckpointAndConfigAsync();
        var before = FileSnapshot.Hash(path);

        await using var saver = new SqliteSaver($"Data Source={path};Mode=ReadOnly");
        var api = new SaverApi(saver, mode);
        await api.SetupAsync();
        var tuple = await api.GetTupleAsync(stored);
        var error = await Assert.ThrowsAsync<SqliteDatabaseException>(() => api.PutWritesAsync(stored, [new ChannelWrite("a", 1L)], "task"));
        await using var store = new SqliteStore($"Data Source={path};Mode=ReadOnly");
        var storeError = await Assert.ThrowsAsync<SqliteDatabaseException>(() => new StoreApi(store, mode).PutAsync(["notes"], "k", new() { ["a"] = 1 }));

        Assert.NotNull(tuple);
        Assert.Contains("is read-only", error.Message, StringComparison.Ordinal);
        Assert.Contains("is read-only", storeError.Message, StringComparison.Ordinal);
        await saver.DisposeAsync();
        await store.DisposeAsync();
        Assert.Equal(before, FileSnapshot.Hash(path));
    }

    [Theory, BothModes]
    public async Task A_directory_path_is_refused_and_nothing_is_created_in_it(ApiMode mode)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_folder.Path, "a-directory")).FullName;

        var error = await AssertEveryOperationThrows<SqliteDatabaseException>(directory, mode);

        Assert.Contains("is a directory", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
    }

    [Theory, BothModes]
    public async Task A_path_in_a_missing_folder_is_refused_and_nothing_is_created(ApiMode mode)
    {
        var path = Path.Combine(_folder.Path, "missing", "app.db");

        var error = await AssertEveryOperationThrows<SqliteDatabaseException>(path, mode);

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Theory, BothModes]
    public async Task A_database_migrated_by_a_newer_release_is_refused_and_left_unchanged(ApiMode mode)
    {
        var path = await CreateDatabaseWithCheckpointAsync();
        Execute(path, "INSERT INTO checkpoint_migrations (v, applied_at) VALUES (99, 'future'); INSERT INTO store_migrations (v, applied_at) VALUES (42, 'future')");
        var before = FileSnapshot.Hash(path);

        await using var saver = SqliteSaver.FromPath(path);
        var saverError = await Assert.ThrowsAsync<SchemaVersionException>(() => new SaverApi(saver, mode).SetupAsync());
        await using var newerStore = SqliteStore.FromPath(path);
        var storeError = await Assert.ThrowsAsync<SchemaVersionException>(() => new StoreApi(newerStore, mode).SetupAsync());

        Assert.Equal((99, SqliteSaver.CurrentSchemaVersion), (saverError.DatabaseVersion, saverError.SupportedVersion));
        Assert.Equal((42, SqliteStore.CurrentSchemaVersion), (storeError.DatabaseVersion, storeError.SupportedVersion));
        Assert.Contains(path, saverError.Message, StringComparison.Ordinal);
        await saver.DisposeAsync();
        await newerStore.DisposeAsync();
        Assert.Equal(before, FileSnapshot.Hash(path));
    }

    [Theory, BothModes]
    public async Task Operations_before_setup_ask_for_setup_and_create_no_file(ApiMode mode)
    {
        var path = _folder.NewFile("never-set-up");

        await using var saver = SqliteSaver.FromPath(path);
        var error = await Assert.ThrowsAsync<SchemaNotSetUpException>(() => new SaverApi(saver, mode).PutAsync(TestData.Config("t"), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions()));
        await using var store = SqliteStore.FromPath(path);
        var storeError = await Assert.ThrowsAsync<SchemaNotSetUpException>(() => new StoreApi(store, mode).GetAsync(["notes"], "k"));

        Assert.Contains("Setup()", error.Message, StringComparison.Ordinal);
        Assert.Contains("Setup()", storeError.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Theory, BothModes]
    public async Task Operations_on_a_database_without_the_tables_ask_for_setup(ApiMode mode)
    {
        var path = _folder.NewFile("empty");
        Execute(path, "CREATE TABLE unrelated (x INTEGER)");

        await using var saver = SqliteSaver.FromPath(path);
        var error = await Assert.ThrowsAsync<SchemaNotSetUpException>(() => new SaverApi(saver, mode).GetTupleAsync(TestData.Config("t")));

        Assert.Contains("has not been set up", error.Message, StringComparison.Ordinal);
        Assert.Contains("Setup()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_without_a_data_source_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new SqliteSaver("Mode=ReadWrite"));
        Assert.Throws<ArgumentException>(() => new SqliteStore("Data Source="));
        Assert.Throws<ArgumentException>(() => new SqliteSaver("Data Source=x.db;Bogus Keyword=1"));
    }

    public void Dispose() => _folder.Dispose();

    private static async Task<TException> AssertEveryOperationThrows<TException>(string path, ApiMode mode)
        where TException : Exception
    {
        await using var saver = SqliteSaver.FromPath(path);
        var api = new SaverApi(saver, mode);
        var error = await Assert.ThrowsAsync<TException>(api.SetupAsync);
        await Assert.ThrowsAsync<TException>(() => api.PutAsync(TestData.Config("t"), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions()));
        await Assert.ThrowsAsync<TException>(() => api.GetTupleAsync(TestData.Config("t")));
        await Assert.ThrowsAsync<TException>(() => api.ListAsync(null));
        await using var store = SqliteStore.FromPath(path);
        var storeApi = new StoreApi(store, mode);
        await Assert.ThrowsAsync<TException>(storeApi.SetupAsync);
        await Assert.ThrowsAsync<TException>(() => storeApi.PutAsync(["notes"], "k", new() { ["a"] = 1 }));
        await Assert.ThrowsAsync<TException>(() => storeApi.SearchAsync(["notes"]));
        return error;
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private async Task<string> CreateDatabaseWithCheckpointAsync() => (await CreateDatabaseWithCheckpointAndConfigAsync()).Path;

    private async Task<(string Path, RunConfig Stored)> CreateDatabaseWithCheckpointAndConfigAsync()
    {
        var path = _folder.NewFile("valid");
        await using var saver = SqliteSaver.FromPath(path);
        await saver.SetupAsync(TestContext.Current.CancellationToken);
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["notes"] = string.Concat(Enumerable.Repeat("lorem ipsum ", 500)) });
        var stored = await saver.PutAsync(TestData.Config("thread"), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint), TestContext.Current.CancellationToken);
        await using var store = SqliteStore.FromPath(path);
        await store.SetupAsync(TestContext.Current.CancellationToken);
        return (path, stored);
    }
}
