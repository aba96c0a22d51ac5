using Checkpoint.ConformanceSuite;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Checkpoint.Sqlite.Tests;

/// <summary>
/// Another connection (as another process would) holds the write lock: writers wait for it up to the busy timeout,
/// then fail with a clear, typed error that names the file; readers are never blocked.
/// </summary>
public sealed class LockingTests : IDisposable
{
    private readonly TempFolder _folder = new("locking");

    [Theory, BothModes]
    public async Task A_write_lock_held_past_the_busy_timeout_gives_a_clear_timeout_and_writes_nothing(ApiMode mode)
    {
        var path = await CreateAsync();
        await using var saver = SqliteSaver.FromPath(path, new SqliteSaverOptions { BusyTimeout = TimeSpan.FromMilliseconds(200) });
        var api = new SaverApi(saver, mode);
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["a"] = "value" });

        SqliteLockTimeoutException error;
        using (var holder = HoldWriteLock(path))
        {
            error = await Assert.ThrowsAsync<SqliteLockTimeoutException>(() => api.PutAsync(TestData.Config("thread"), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint)));
        }

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("BusyTimeout", error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.DataSource);
        Assert.Equal(TimeSpan.FromMilliseconds(200), error.Waited);
        Assert.Null(await api.GetTupleAsync(TestData.Config("thread")));
        Assert.Equal(0, SqliteQueries.Scalar(path, "SELECT count(*) FROM checkpoint_blobs"));
    }

    [Theory, BothModes]
    public async Task A_writer_waits_for_a_write_lock_released_within_the_busy_timeout(ApiMode mode)
    {
        var path = await CreateAsync();
        await using var saver = SqliteSaver.FromPath(path);
        var api = new SaverApi(saver, mode);
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["a"] = "value" });

        Task<RunConfig> put;
        using (var holder = HoldWriteLock(path))
        {
            put = Task.Run(() => api.PutAsync(TestData.Config("thread"), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint)), TestContext.Current.CancellationToken);

            // The put cannot finish while the lock is held: it can only wait (or fail, which the await below shows).
            Assert.False(put.IsCompletedSuccessfully);
        }

        var stored = await put;
        Assert.NotNull(await api.GetTupleAsync(stored));
    }

    [Fact]
    public async Task An_async_writer_waiting_for_the_lock_stops_when_cancelled_and_writes_nothing()
    {
        var path = await CreateAsync();
        await using var saver = SqliteSaver.FromPath(path);
        using var cancellation = new CancellationTokenSource();

        Task put;
        using (var holder = HoldWriteLock(path))
        {
            put = saver.PutAsync(TestData.Config("thread"), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions(), cancellation.Token);
            await cancellation.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => put);
        }

        Assert.Null(await saver.GetTupleAsync(TestData.Config("thread"), TestContext.Current.CancellationToken));
    }

    [Theory, BothModes]
    public async Task Readers_are_not_blocked_by_a_writer_and_do_not_see_its_uncommitted_work(ApiMode mode)
    {
        var path = await CreateAsync();
        await using var saver = SqliteSaver.FromPath(path);
        var api = new SaverApi(saver, mode);
        var stored = await api.PutAsync(TestData.Config("thread"), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());

        using var holder = HoldWriteLock(path);
        using (var delete = holder.CreateCommand())
        {
            delete.CommandText = "DELETE FROM checkpoints";
            delete.ExecuteNonQuery();
        }

        Assert.Equal(stored, (await api.GetTupleAsync(TestData.Config("thread")))?.Config);
        Assert.Single(await api.ListAsync(null));
    }

    [Fact]
    public async Task Many_savers_of_one_process_writing_one_file_at_once_all_succeed()
    {
        var path = await CreateAsync();
        var writers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await using var saver = SqliteSaver.FromPath(path);
            RunConfig? parent = null;
            for (var step = 0; step < 25; step++)
            {
                var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["step"] = (long)step });
                parent = await saver.PutAsync(TestData.Config($"thread-{i}", checkpointId: parent?.CheckpointId), checkpoint, TestData.Metadata(step: step), TestData.AllVersions(checkpoint));
            }
        }));

        await Task.WhenAll(writers);

        Assert.Equal(200, SqliteQueries.Scalar(path, "SELECT count(*) FROM checkpoints"));
    }

    public void Dispose() => _folder.Dispose();

    private static SqliteConnection HoldWriteLock(string path)
    {
        var connection = SqliteQueries.Open(path);
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        begin.ExecuteNonQuery();
        return connection;
    }

    private async Task<string> CreateAsync()
    {
        var path = _folder.NewFile("locked");
        await using var saver = SqliteSaver.FromPath(path);
        await saver.SetupAsync(TestContext.Current.CancellationToken);
        return path;
    }
}
