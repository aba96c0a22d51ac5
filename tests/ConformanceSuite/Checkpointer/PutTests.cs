using System.Text.Json.Nodes;
using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Put: what is stored, what comes back, and which channels get value blobs
/// (LangGraph Python catalogue 1-17, JS J1-J12).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class PutTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    [Theory, BothModes]
    public virtual async Task Put_returns_config_with_thread_namespace_and_new_checkpoint_id(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var checkpoint = TestData.Checkpoint();

        var stored = await saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.NoVersions());

        Assert.Equal(new RunConfig(threadId, string.Empty, checkpoint.Id), stored);
    }

    [Theory, BothModes]
    public virtual async Task Put_then_get_returns_same_checkpoint(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["msg"] = "hello" });

        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        ValueAssert.CheckpointEqual(checkpoint, tuple.Checkpoint);
    }

    [Theory, BothModes]
    public virtual async Task Put_ignores_extra_configurable_keys(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var checkpoint = TestData.Checkpoint();
        var metadata = TestData.Metadata(CheckpointSource.Input, -1);

        var stored = await saver.PutAsync(TestData.Config(threadId).With("canary", "tweet"), checkpoint, metadata, TestData.NoVersions());
        var tuple = await saver.GetTupleAsync(stored);

        Assert.Equal(new RunConfig(threadId, string.Empty, checkpoint.Id), stored);
        Assert.NotNull(tuple);
        Assert.Equal(metadata, tuple.Metadata);
        Assert.Null(tuple.Metadata["canary"]);
    }

    [Theory, BothModes]
    public virtual async Task Put_without_thread_id_throws_argument_exception(ApiMode mode)
    {
        var saver = CreateSaver(mode);

        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            saver.PutAsync(new RunConfig(threadId: null), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions()));
    }

    [Theory, BothModes]
    public virtual async Task Put_stores_metadata_unchanged(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var metadata = TestData.Metadata(CheckpointSource.Loop, 3, new Dictionary<string, JsonNode?>
        {
            ["run_id"] = "run-1",
            ["score"] = 42,
            ["nested"] = new JsonObject { ["a"] = new JsonArray(1, "two", null) },
        });

        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), TestData.Checkpoint(), metadata, TestData.NoVersions());
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        Assert.Equal(metadata, tuple.Metadata);
        Assert.Equal("run-1", tuple.Metadata.RunId);
        Assert.Equal(3, tuple.Metadata.Step);
    }
}
