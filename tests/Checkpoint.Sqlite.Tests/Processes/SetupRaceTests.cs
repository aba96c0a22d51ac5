using Checkpoint.ConformanceSuite;
using Xunit;

namespace Checkpoint.Sqlite.Tests.Processes;

/// <summary>
/// Setup from many processes at once, as an operator's rollout does: every process sets up its checkpointer and its
/// store of the same new database file at the same instant.
/// </summary>
public sealed class SetupRaceTests
{
    private const int Processes = 16;

    [Fact]
    public async Task Saver_and_store_setups_of_one_new_file_from_16_processes_succeed_in_every_round()
    {
        using var folder = new TempFolder("setup-race");
        var writer = Path.Combine(AppContext.BaseDirectory, "writer", "Checkpoint.Sqlite.Tests.Writer.dll");
        await using var race = await ProcessRace.StartAsync(Processes, writer, ["--setup-race"], TestContext.Current.CancellationToken);

        // Rounds alternate a plain file name and one with spaces, quotes and non-ASCII letters.
        for (var round = 0; round < 4; round++)
        {
            var db = folder.NewFile(round % 2 == 0 ? $"race{round}" : $"race {round} \"Ünïcode\" 'db'");
            var answers = await race.RoundAsync(db, TestContext.Current.CancellationToken);

            Assert.All(answers, answer => Assert.True(answer == "ok", $"A setup process failed on '{db}': {answer}"));
            Assert.Equal((long)SqliteSaver.CurrentSchemaVersion, SqliteQueries.Scalar(db, "SELECT max(v) FROM checkpoint_migrations"));
            Assert.Equal((long)SqliteSaver.CurrentSchemaVersion, SqliteQueries.Scalar(db, "SELECT count(*) FROM checkpoint_migrations"));
            Assert.Equal((long)SqliteStore.CurrentSchemaVersion, SqliteQueries.Scalar(db, "SELECT max(v) FROM store_migrations"));
            Assert.Equal((long)SqliteStore.CurrentSchemaVersion, SqliteQueries.Scalar(db, "SELECT count(*) FROM store_migrations"));

            using var saver = SqliteSaver.FromPath(db);
            var stored = saver.Put(TestData.Config("thread"), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());
            Assert.NotNull(saver.GetTuple(stored));
            using var store = SqliteStore.FromPath(db);
            store.Put(["race"], "k", new() { ["v"] = round });
            Assert.NotNull(store.Get(["race"], "k"));
        }
    }
}
