using Checkpoint.Interop.Tests.Data;
using Checkpoint.Interop.Tests.Harness;

namespace Checkpoint.Interop.Tests;

/// <summary>One PostgreSQL schema shared by LangGraph.js's <c>PostgresSaver</c> and ours.</summary>
public sealed class PostgresThreadTests(NodeHarnessFixture fixture) : InteropTest(fixture)
{
    [Fact]
    public async Task A_thread_LangGraph_js_wrote_reads_as_the_canonical_values_with_no_configuration()
    {
        var target = NewPostgresSchema();
        var thread = NewThreadId();
        await CallAsync("thread.writeCanonical", new { target = target.Js, threadId = thread });

        var saver = CreatePostgresSaver(target);
        await saver.SetupAsync(CancellationToken);

        await CanonicalAssert.ReadsCanonicalAsync(saver, thread, CancellationToken);
        var latest = await saver.GetTupleAsync(new RunConfig(thread), CancellationToken);
        Assert.Equal(CanonicalThread.LoopId, latest!.Checkpoint.Id);
    }

    [Fact]
    public async Task A_thread_we_write_in_LangGraphJs_format_reads_in_LangGraph_js_exactly_as_its_own()
    {
        var target = NewPostgresSchema();
        var saver = CreatePostgresSaver(target, CheckpointWireFormat.LangGraphJs);
        await saver.SetupAsync(CancellationToken);
        var ours = NewThreadId();
        var theirs = NewThreadId();
        await CanonicalAssert.WriteAsync(saver, ours, CancellationToken);
        await CallAsync("thread.writeCanonical", new { target = target.Js, threadId = theirs });

        var expected = await CallAsync("thread.read", new { target = target.Js, threadId = theirs });
        var actual = await CallAsync("thread.read", new { target = target.Js, threadId = ours });

        ValueAssert.JsonEqual(expected, actual, "The threads as LangGraph.js reads them");
        await CanonicalAssert.ReadsCanonicalAsync(saver, ours, CancellationToken);
    }
}
