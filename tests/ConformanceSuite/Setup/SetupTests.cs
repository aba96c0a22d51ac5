using Xunit;
using static Checkpoint.ConformanceSuite.StoreTestData;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Setup of checkpointer and store schemas on fresh databases: it makes a database usable, is idempotent, is safe when
/// many instances run it at once, and refuses a schema newer than the code (contract "Setup").
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class SetupTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    [Theory, BothModes]
    public virtual async Task Checkpointer_setup_makes_a_fresh_database_usable(ApiMode mode)
    {
        var database = await CreateDatabaseAsync();
        var saver = new SaverApi(Track(database.CreateSaver()), mode);
        Assert.Equal(0, await database.GetSchemaVersionAsync(SchemaComponent.Checkpointer));

        await saver.SetupAsync();

        Assert.Equal(database.CurrentSchemaVersion(SchemaComponent.Checkpointer), await database.GetSchemaVersionAsync(SchemaComponent.Checkpointer));
        await AssertSaverWorksAsync(saver, saver);
    }

    [Theory, BothModes]
    public virtual async Task Store_setup_makes_a_fresh_database_usable(ApiMode mode)
    {
        var database = await CreateDatabaseAsync();
        var store = new StoreApi(Track(database.CreateStore(Options(Clock()))), mode);
        Assert.Equal(0, await database.GetSchemaVersionAsync(SchemaComponent.Store));

        await store.SetupAsync();

        Assert.Equal(database.CurrentSchemaVersion(SchemaComponent.Store), await database.GetSchemaVersionAsync(SchemaComponent.Store));
        await AssertStoreWorksAsync(store, store, "first");
    }

    [Theory, BothModes]
    public virtual async Task Every_operation_before_setup_throws_schema_not_set_up_or_works(ApiMode mode)
    {
        var database = await CreateDatabaseAsync();
        var saver = new SaverApi(Track(database.CreateSaver()), mode);
        var store = new StoreApi(Track(database.CreateStore(Options(Clock()))), mode);
        var config = TestData.Config("before-setup", checkpointId: "1ef00000-0000-6000-8000-000000000000");
        var ns = Under(NewNamespace(), "before-setup");
        Func<Task>[] operations =
        [
            () => saver.GetTupleAsync(config),
            () => saver.ListAsync(null),
            () => saver.PutAsync(config, TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions()),
            () => saver.PutWritesAsync(config, [new("ch", "v")], "task"),
            () => saver.ListThreadsAsync(),
            () => saver.DeleteThreadAsync("before-setup"),
            () => store.GetAsync(ns, "k"),
            () => store.PutAsync(ns, "k", Json("""{"a":1}""")),
            () => store.SearchAsync(ns),
            () => store.ListNamespacesAsync(),
        ];

        foreach (var operation in operations)
        {
            var error = await Record.ExceptionAsync(operation);
            if (Capabilities.RequiresSetup)
            {
                var notSetUp = Assert.IsType<SchemaNotSetUpException>(error);
                Assert.Contains("Setup()", notSetUp.Message, StringComparison.Ordinal);
                Assert.NotNull(notSetUp.Component);
            }
            else
            {
                Assert.Null(error);
            }
        }
    }

    [Theory, BothModes]
    public virtual async Task Checkpointer_setup_twice_is_idempotent_and_keeps_data(ApiMode mode)
    {
        var database = await CreateDatabaseAsync();
        var saver = new SaverApi(Track(database.CreateSaver()), mode);
        await saver.SetupAsync();
        var threadId = NewThreadId();
        var configs = await TestData.PutChainAsync(saver, threadId, 2);
        var last = TestData.Checkpoint(new Dictionary<string, object?> { ["step"] = 2L });
        configs.Add(await saver.PutAsync(configs[^1], last, TestData.Metadata(step: 2), TestData.AllVersions(last)));
        await saver.PutWritesAsync(configs[^1], [new ChannelWrite("pending", "kept")], "task-1");

        await saver.SetupAsync();
        var again = new SaverApi(Track(database.CreateSaver()), mode);
        await again.SetupAsync();

        Assert.Equal(database.CurrentSchemaVersion(SchemaComponent.Checkpointer), await database.GetSchemaVersionAsync(SchemaComponent.Checkpointer));
        var listed = await again.ListAsync(TestData.Config(threadId));
        Assert.Equal(configs.Select(c => c.CheckpointId).Reverse(), listed.Select(t => t.Config.CheckpointId));
        Assert.Equal(2L, listed[0].Checkpoint.ChannelValues["step"]);
        Assert.Equal(new PendingWrite("task-1", "pending", "kept"), Assert.Single(listed[0].PendingWrites));
        await AssertSaverWorksAsync(again, saver);
    }

    [Theory, BothModes]
    public virtual async Task Store_setup_twice_is_idempotent_and_keeps_data(ApiMode mode)
    {
        var database = await CreateDatabaseAsync();
        var clock = Clock();
        var store = new StoreApi(Track(database.CreateStore(Options(clock))), mode);
        await store.SetupAsync();
        await store.PutAsync(["setup", "kept"], "k", Json("""{"v":1}"""));

        await store.SetupAsync();
        var again = new StoreApi(Track(database.CreateStore(Options(clock))), mode);
        await again.SetupAsync();

        Assert.Equal(database.CurrentSchemaVersion(SchemaComponent.Store), await database.GetSchemaVersionAsync(SchemaComponent.Store));
        StoreAssert.Item(["setup", "kept"], "k", Json("""{"v":1}"""), Millis(ClockStart), Millis(ClockStart), await again.GetAsync(["setup", "kept"], "k"));
        await AssertStoreWorksAsync(again, store, "after-second-setup");
    }

    [Theory, BothModes]
    public virtual async Task Concurrent_checkpointer_setups_from_separate_instances_all_succeed(ApiMode mode)
    {
        var database = await CreateDatabaseAsync();
        var savers = Enumerable.Range(0, Capabilities.ConcurrentWriters).Select(_ => new SaverApi(Track(database.CreateSaver()), mode)).ToList();

        await RunTogetherAsync(savers.Select<SaverApi, Func<Task>>(s => s.SetupAsync));

        Assert.Equal(database.CurrentSchemaVersion(SchemaComponent.Checkpointer), await database.GetSchemaVersionAsync(SchemaComponent.Checkpointer));
        await AssertSaverWorksAsync(savers[0], savers[^1]);
    }

    [Theory, BothModes]
    public virtual async Task Concurrent_store_setups_from_separate_instances_all_succeed(ApiMode mode)
    {
        var database = await CreateDatabaseAsync();
        var clock = Clock();
        var stores = Enumerable.Range(0, Capabilities.ConcurrentWriters).Select(_ => new StoreApi(Track(database.CreateStore(Options(clock))), mode)).ToList();

        await RunTogetherAsync(stores.Select<StoreApi, Func<Task>>(s => s.SetupAsync));

        Assert.Equal(database.CurrentSchemaVersion(SchemaComponent.Store), await database.GetSchemaVersionAsync(SchemaComponent.Store));
        await AssertStoreWorksAsync(stores[0], stores[^1], "after-concurrent-setup");
    }

    [Theory, BothModes]
    public virtual async Task Checkpointer_and_store_setups_of_one_fresh_database_at_the_same_instant_all_succeed(ApiMode mode)
    {
        // A rollout: every instance sets up its checkpointer and its store of the same new database at once. The
        // components share the database (a schema, a file, a key prefix), so their setups must not trip over each
        // other's creation of what they share. Several rounds, each on a fresh database.
        for (var round = 0; round < 3; round++)
        {
            var database = await CreateDatabaseAsync();
            var clock = Clock();
            var savers = Enumerable.Range(0, Capabilities.ConcurrentWriters).Select(_ => new SaverApi(Track(database.CreateSaver()), mode)).ToList();
            var stores = Enumerable.Range(0, Capabilities.ConcurrentWriters).Select(_ => new StoreApi(Track(database.CreateStore(Options(clock))), mode)).ToList();

            await RunTogetherAsync(savers.Select<SaverApi, Func<Task>>(s => s.SetupAsync).Concat(stores.Select<StoreApi, Func<Task>>(s => s.SetupAsync)));

            Assert.Equal(database.CurrentSchemaVersion(SchemaComponent.Checkpointer), await database.GetSchemaVersionAsync(SchemaComponent.Checkpointer));
            Assert.Equal(database.CurrentSchemaVersion(SchemaComponent.Store), await database.GetSchemaVersionAsync(SchemaComponent.Store));
            await AssertSaverWorksAsync(savers[0], savers[^1]);
            await AssertStoreWorksAsync(stores[0], stores[^1], $"after-round-{round}");
        }
    }

    [Theory, BothModes]
    public virtual async Task Checkpointer_setup_refuses_a_newer_schema_and_changes_nothing(ApiMode mode)
    {
        var database = await CreateDatabaseAsync();
        await new SaverApi(Track(database.CreateSaver()), mode).SetupAsync();
        var newer = database.CurrentSchemaVersion(SchemaComponent.Checkpointer) + 1;
        await database.SetSchemaVersionAsync(SchemaComponent.Checkpointer, newer);
        var saver = new SaverApi(Track(database.CreateSaver()), mode);

        await Assert.ThrowsAsync<SchemaVersionException>(saver.SetupAsync);

        Assert.Equal(newer, await database.GetSchemaVersionAsync(SchemaComponent.Checkpointer));
        await Assert.ThrowsAsync<SchemaVersionException>(saver.SetupAsync);
        Assert.Equal(newer, await database.GetSchemaVersionAsync(SchemaComponent.Checkpointer));
    }

    [Theory, BothModes]
    public virtual async Task Store_setup_refuses_a_newer_schema_and_changes_nothing(ApiMode mode)
    {
        var database = await CreateDatabaseAsync();
        await new StoreApi(Track(database.CreateStore(Options(Clock()))), mode).SetupAsync();
        var newer = database.CurrentSchemaVersion(SchemaComponent.Store) + 1;
        await database.SetSchemaVersionAsync(SchemaComponent.Store, newer);
        var store = new StoreApi(Track(database.CreateStore(Options(Clock()))), mode);

        await Assert.ThrowsAsync<SchemaVersionException>(store.SetupAsync);

        Assert.Equal(newer, await database.GetSchemaVersionAsync(SchemaComponent.Store));
        await Assert.ThrowsAsync<SchemaVersionException>(store.SetupAsync);
        Assert.Equal(newer, await database.GetSchemaVersionAsync(SchemaComponent.Store));
    }

    // Starts every action on its own thread-pool thread and releases them together, so setups really overlap.
    private static async Task RunTogetherAsync(IEnumerable<Func<Task>> actions)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = actions.Select(action => Task.Run(async () =>
        {
            await start.Task.ConfigureAwait(false);
            await action().ConfigureAwait(false);
        })).ToList();
        start.SetResult();
        await Task.WhenAll(running);
    }

    private static async Task AssertSaverWorksAsync(SaverApi writer, SaverApi reader)
    {
        var threadId = "thread-" + Guid.NewGuid().ToString("N");
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["msg"] = "hello" });
        var stored = await writer.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        await writer.PutWritesAsync(stored, [new ChannelWrite("msg", "next")], "task");

        var tuple = await reader.GetTupleAsync(TestData.Config(threadId));

        Assert.NotNull(tuple);
        ValueAssert.CheckpointEqual(checkpoint, tuple.Checkpoint);
        Assert.Equal(new PendingWrite("task", "msg", "next"), Assert.Single(tuple.PendingWrites));
    }

    private static async Task AssertStoreWorksAsync(StoreApi writer, StoreApi reader, string key)
    {
        StoreNamespace ns = ["setup", "works"];
        await writer.PutAsync(ns, key, Json("""{"works":true}"""));

        var item = await reader.GetAsync(ns, key);

        StoreAssert.Item(ns, key, Json("""{"works":true}"""), Millis(ClockStart), Millis(ClockStart), item);
        Assert.Contains(key, (await reader.SearchAsync(["setup"], limit: 100)).Select(i => i.Key));
    }
}
