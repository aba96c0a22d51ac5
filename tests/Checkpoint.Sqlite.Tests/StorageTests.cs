using System.Text.Json.Nodes;
using Checkpoint.ConformanceSuite;
using Xunit;

namespace Checkpoint.Sqlite.Tests;

/// <summary>What the checkpointer writes to the file: one blob per channel version, no leftovers after pruning.</summary>
public sealed class StorageTests : IDisposable
{
    private readonly TempFolder _folder = new("storage");

    [Theory, BothModes]
    public async Task An_unchanged_channel_is_stored_once_however_many_checkpoints_use_it(ApiMode mode)
    {
        var path = _folder.NewFile("dedup");
        await using var saver = SqliteSaver.FromPath(path);
        var api = new SaverApi(saver, mode);
        await api.SetupAsync();

        var configs = await PutStepsAsync(api, "thread", steps: 6);
        var tuples = await api.ListAsync(new RunConfig("thread"));

        Assert.Equal(1, SqliteQueries.Scalar(path, "SELECT count(*) FROM checkpoint_blobs WHERE channel = 'config'"));
        Assert.Equal(6, SqliteQueries.Scalar(path, "SELECT count(*) FROM checkpoint_blobs WHERE channel = 'counter'"));
        Assert.Equal(6, tuples.Count);
        Assert.All(tuples, t => Assert.Equal("settings", t.Checkpoint.ChannelValues["config"]));
        Assert.Equal(configs.AsEnumerable().Reverse().Select(c => c.CheckpointId), tuples.Select(t => t.Config.CheckpointId));
    }

    [Theory, BothModes]
    public async Task Pruning_to_the_latest_checkpoint_leaves_only_the_blobs_it_refers_to(ApiMode mode)
    {
        var path = _folder.NewFile("prune");
        await using var saver = SqliteSaver.FromPath(path);
        var api = new SaverApi(saver, mode);
        await api.SetupAsync();
        await PutStepsAsync(api, "thread", steps: 5);
        await PutStepsAsync(api, "other", steps: 2);

        await api.PruneAsync(["thread"], PruneStrategy.KeepLatest);

        Assert.Equal(2, SqliteQueries.Scalar(path, "SELECT count(*) FROM checkpoint_blobs WHERE thread_id = 'thread'"));
        Assert.Equal(1, SqliteQueries.Scalar(path, "SELECT count(*) FROM checkpoints WHERE thread_id = 'thread'"));
        Assert.Equal(1, SqliteQueries.Scalar(path, "SELECT count(*) FROM checkpoint_writes WHERE thread_id = 'thread'"));
        Assert.Equal(3, SqliteQueries.Scalar(path, "SELECT count(*) FROM checkpoint_blobs WHERE thread_id = 'other'"));
        var latest = await api.GetTupleAsync(new RunConfig("thread"));
        Assert.Equal(4L, latest!.Checkpoint.ChannelValues["counter"]);
        Assert.Equal("settings", latest.Checkpoint.ChannelValues["config"]);
    }

    [Theory, BothModes]
    public async Task Metadata_filters_match_keys_and_values_with_any_characters(ApiMode mode)
    {
        await using var saver = SqliteSaver.FromPath(_folder.NewFile("filters"));
        var api = new SaverApi(saver, mode);
        await api.SetupAsync();
        var key = "we\"ird.key $[0] 😀";
        var metadata = TestData.Metadata(extra: new Dictionary<string, JsonNode?> { [key] = "välue 😀 \"quoted\"", ["n"] = 10 });
        var stored = await api.PutAsync(TestData.Config("thread"), TestData.Checkpoint(), metadata, TestData.NoVersions());
        await api.PutAsync(TestData.Config("thread"), TestData.Checkpoint(), TestData.Metadata(extra: new Dictionary<string, JsonNode?> { [key] = "other", ["n"] = 10.5 }), TestData.NoVersions());

        var byKey = await api.ListAsync(null, new CheckpointListOptions { Filter = new Dictionary<string, JsonNode?> { [key] = "välue 😀 \"quoted\"" } });
        var byNumber = await api.ListAsync(null, new CheckpointListOptions { Filter = new Dictionary<string, JsonNode?> { ["n"] = 10.0 } });

        Assert.Equal(stored.CheckpointId, Assert.Single(byKey).Config.CheckpointId);
        Assert.Equal(stored.CheckpointId, Assert.Single(byNumber).Config.CheckpointId);
    }

    [Theory, BothModes]
    public async Task A_list_can_be_enumerated_while_the_same_saver_writes_in_memory_and_on_disk(ApiMode mode)
    {
        foreach (var path in (string[])[":memory:", _folder.NewFile("lazy")])
        {
            await using var saver = SqliteSaver.FromPath(path);
            var api = new SaverApi(saver, mode);
            await api.SetupAsync();
            await PutStepsAsync(api, "thread", steps: 20);

            // Each page is read and released before it is handed out, so writing between items cannot deadlock,
            // not even on the single connection of an in-memory database.
            var seen = 0;
            if (mode == ApiMode.Sync)
            {
                foreach (var tuple in saver.List(new RunConfig("thread")))
                {
                    saver.PutWrites(tuple.Config, [new ChannelWrite("seen", seen++)], "reader");
                }
            }
            else
            {
                await foreach (var tuple in saver.ListAsync(new RunConfig("thread"), cancellationToken: TestContext.Current.CancellationToken))
                {
                    await saver.PutWritesAsync(tuple.Config, [new ChannelWrite("seen", seen++)], "reader", cancellationToken: TestContext.Current.CancellationToken);
                }
            }

            Assert.Equal(20, seen);
            Assert.All(await api.ListAsync(new RunConfig("thread")), t => Assert.Contains(t.PendingWrites, w => w.TaskId == "reader"));
        }
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Puts a chain of checkpoints where "counter" changes every step and "config" is written only at step 0.</summary>
    private static async Task<List<RunConfig>> PutStepsAsync(SaverApi api, string thread, int steps)
    {
        var configs = new List<RunConfig>();
        RunConfig? parent = null;
        string? configVersion = null;
        string? counterVersion = null;
        for (var step = 0; step < steps; step++)
        {
            var checkpoint = TestData.Checkpoint();
            configVersion ??= api.Inner.GetNextVersion(null);
            counterVersion = api.Inner.GetNextVersion(counterVersion);
            checkpoint.ChannelValues["config"] = "settings";
            checkpoint.ChannelValues["counter"] = (long)step;
            checkpoint.ChannelVersions["config"] = configVersion;
            checkpoint.ChannelVersions["counter"] = counterVersion;
            var newVersions = new Dictionary<string, string> { ["counter"] = counterVersion };
            if (step == 0)
            {
                newVersions["config"] = configVersion;
            }

            var stored = await api.PutAsync(TestData.Config(thread, checkpointId: parent?.CheckpointId), checkpoint, TestData.Metadata(step: step), newVersions);
            await api.PutWritesAsync(stored, [new ChannelWrite("counter", (long)step + 1)], $"task-{step}");
            configs.Add(stored);
            parent = stored;
        }

        return configs;
    }
}
