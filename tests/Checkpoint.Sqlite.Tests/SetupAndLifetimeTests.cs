using Checkpoint.ConformanceSuite;
using Xunit;

namespace Checkpoint.Sqlite.Tests;

/// <summary>Setup creates the file, records its migrations, and is safe from many instances at once.</summary>
public sealed class SetupAndLifetimeTests : IDisposable
{
    private readonly TempFolder _folder = new("setup");

    [Theory, BothModes]
    public async Task Setup_creates_the_file_records_one_row_per_migration_and_turns_on_write_ahead_logging(ApiMode mode)
    {
        var path = _folder.NewFile("new");
        await using var saver = SqliteSaver.FromPath(path);
        await using var store = SqliteStore.FromPath(path);

        await new SaverApi(saver, mode).SetupAsync();
        await new StoreApi(store, mode).SetupAsync();
        await new SaverApi(saver, mode).SetupAsync();

        Assert.Equal(SqliteSaver.CurrentSchemaVersion, SqliteQueries.Scalar(path, "SELECT count(*) FROM checkpoint_migrations"));
        Assert.Equal(SqliteSaver.CurrentSchemaVersion, SqliteQueries.Scalar(path, "SELECT max(v) FROM checkpoint_migrations"));
        Assert.Equal(SqliteStore.CurrentSchemaVersion, SqliteQueries.Scalar(path, "SELECT count(*) FROM store_migrations"));
        Assert.Equal("wal", SqliteQueries.Text(path, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Setup_from_many_instances_at_once_applies_each_migration_exactly_once()
    {
        var path = _folder.NewFile("race");
        var savers = Enumerable.Range(0, 8).Select(_ => SqliteSaver.FromPath(path)).ToList();
        var stores = Enumerable.Range(0, 8).Select(_ => SqliteStore.FromPath(path)).ToList();
        try
        {
            await Task.WhenAll(savers.Select((s, i) => Task.Run(() => { if (i % 2 == 0) { s.Setup(); } else { return s.SetupAsync(); } return Task.CompletedTask; }))
                .Concat(stores.Select(s => Task.Run(() => s.SetupAsync()))));
        }
        finally
        {
            savers.ForEach(s => s.Dispose());
            stores.ForEach(s => s.Dispose());
        }

        Assert.Equal(SqliteSaver.CurrentSchemaVersion, SqliteQueries.Scalar(path, "SELECT count(*) FROM checkpoint_migrations"));
        Assert.Equal(SqliteStore.CurrentSchemaVersion, SqliteQueries.Scalar(path, "SELECT count(*) FROM store_migrations"));
    }

    [Fact]
    public async Task Setup_completes_a_database_left_at_an_older_version_without_touching_its_data()
    {
        var path = _folder.NewFile("old");
        await using (var saver = SqliteSaver.FromPath(path))
        {
            await saver.SetupAsync(TestContext.Current.CancellationToken);
            await saver.PutAsync(TestData.Config("thread"), TestData.Checkpoint(new Dictionary<string, object?> { ["a"] = "kept" }), TestData.Metadata(), new Dictionary<string, string> { ["a"] = "1" }, TestContext.Current.CancellationToken);
        }

        // Roll the recorded schema back to version 1, as a database made by the first release would be.
        SqliteQueries.Scalar(path, "DELETE FROM checkpoint_migrations WHERE v > 1; DROP INDEX checkpoints_thread_id_idx; DROP INDEX checkpoints_checkpoint_id_idx; DROP INDEX checkpoints_run_id_idx; SELECT 0");

        await using var upgraded = SqliteSaver.FromPath(path);
        upgraded.Setup();

        Assert.Equal(SqliteSaver.CurrentSchemaVersion, SqliteQueries.Scalar(path, "SELECT max(v) FROM checkpoint_migrations"));
        Assert.Equal(3, SqliteQueries.Scalar(path, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'checkpoints_%_idx'"));
        Assert.Equal("kept", upgraded.GetTuple(TestData.Config("thread"))!.Checkpoint.ChannelValues["a"]);
    }

    [Fact]
    public async Task An_in_memory_database_lives_as_long_as_its_instance_and_is_private_to_it()
    {
        await using var first = SqliteSaver.FromPath(":memory:");
        await using var second = new SqliteSaver("Data Source=:memory:");
        await using var store = SqliteStore.FromPath(":memory:");
        first.Setup();
        second.Setup();
        store.Setup();

        var stored = first.Put(TestData.Config("thread"), TestData.Checkpoint(new Dictionary<string, object?> { ["a"] = 1L }), TestData.Metadata(), new Dictionary<string, string> { ["a"] = "1" });
        store.Put(["notes"], "k", new() { ["text"] = "hello" });

        Assert.Equal(1L, first.GetTuple(stored)!.Checkpoint.ChannelValues["a"]);
        Assert.Null(second.GetTuple(stored));
        Assert.Equal("hello", store.Get(["notes"], "k")!.Value["text"]!.GetValue<string>());
        Assert.Equal(":memory:", first.DataSource);
    }

    [Fact]
    public async Task A_disposed_saver_or_store_refuses_further_use()
    {
        var path = _folder.NewFile("disposed");
        var saver = SqliteSaver.FromPath(path);
        var store = SqliteStore.FromPath(path);
        await saver.SetupAsync(TestContext.Current.CancellationToken);
        await store.SetupAsync(TestContext.Current.CancellationToken);

        await saver.DisposeAsync();
        store.Dispose();

        Assert.Throws<ObjectDisposedException>(() => saver.GetTuple(TestData.Config("thread")));
        Assert.Throws<ObjectDisposedException>(() => store.Get(["notes"], "k"));
    }

    public void Dispose() => _folder.Dispose();
}
