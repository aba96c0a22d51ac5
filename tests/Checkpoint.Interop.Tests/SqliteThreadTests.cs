using System.Text;
using Checkpoint.Interop.Tests.Data;
using Checkpoint.Interop.Tests.Harness;
using Checkpoint.Sqlite;
using Microsoft.Data.Sqlite;

namespace Checkpoint.Interop.Tests;

/// <summary>
/// One SQLite file shared by LangGraph.js's <c>SqliteSaver</c> and ours in <see cref="SqliteLayout.LangGraph"/>, and
/// what each layout's Setup says about a file of the other.
/// </summary>
public sealed class SqliteThreadTests(NodeHarnessFixture fixture) : InteropTest(fixture)
{
    private static readonly SqliteSaverOptions JsLayout = new() { Layout = SqliteLayout.LangGraph, WireFormat = CheckpointWireFormat.LangGraphJs };

    [Fact]
    public async Task A_file_LangGraph_js_wrote_reads_as_the_canonical_thread()
    {
        var file = NewSqliteFile();
        var thread = NewThreadId();
        await CallAsync("thread.writeCanonical", new { target = file.Js, threadId = thread });

        var saver = CreateSqliteSaver(file, JsLayout);
        await saver.SetupAsync(CancellationToken);

        await CanonicalAssert.ReadsCanonicalAsync(saver, thread, CancellationToken);
        Assert.Equal(CanonicalThread.LoopId, (await saver.GetTupleAsync(new RunConfig(thread), CancellationToken))!.Checkpoint.Id);
    }

    [Fact]
    public async Task A_thread_we_write_in_the_LangGraph_layout_reads_in_LangGraph_js_exactly_as_its_own()
    {
        var file = NewSqliteFile();
        var saver = CreateSqliteSaver(file, JsLayout);
        await saver.SetupAsync(CancellationToken);
        var ours = NewThreadId();
        var theirs = NewThreadId();
        await CanonicalAssert.WriteAsync(saver, ours, CancellationToken);
        await CallAsync("thread.writeCanonical", new { target = file.Js, threadId = theirs });

        var expected = await CallAsync("thread.read", new { target = file.Js, threadId = theirs });
        var actual = await CallAsync("thread.read", new { target = file.Js, threadId = ours });

        ValueAssert.JsonEqual(expected, actual, "The threads as LangGraph.js reads them");
        await CanonicalAssert.ReadsCanonicalAsync(saver, ours, CancellationToken);
    }

    [Fact]
    public async Task Our_graph_and_LangGraph_js_take_turns_on_one_file()
    {
        var file = NewSqliteFile();
        var thread = NewThreadId();
        await CallAsync("graph.invoke", new { target = file.Js, threadId = thread, input = EchoGraph.JsSay("hello", "u-1") });
        var saver = CreateSqliteSaver(file, JsLayout);
        await saver.SetupAsync(CancellationToken);
        var graph = EchoGraph.Compile(saver);

        await graph.InvokeAsync(EchoGraph.Say("again", "u-2"), RunConfig.ForThread(thread), CancellationToken);
        var js = await CallAsync("graph.invoke", new { target = file.Js, threadId = thread, input = EchoGraph.JsSay("third", "u-3") });
        var state = await graph.InvokeAsync(EchoGraph.Say("fourth", "u-4"), RunConfig.ForThread(thread), CancellationToken);

        Assert.Equal(6, js!["messages"]!.AsArray().Count);
        Assert.Equal(3, js["turns"]!.GetValue<long>());
        Assert.Equal(
            ["hello", "echo: hello", "again", "echo: again", "third", "echo: third", "fourth", "echo: fourth"],
            state.Messages.Select(m => m.Text));
        Assert.Equal(4, state.Turns);
        var seen = await CallAsync("graph.state", new { target = file.Js, threadId = thread });
        Assert.Equal(8, seen!["values"]!["messages"]!.AsArray().Count);
    }

    [Fact]
    public async Task Native_setup_on_a_file_LangGraph_created_names_the_layout_and_the_option_and_changes_nothing()
    {
        var file = NewSqliteFile();
        await CallAsync("thread.writeCanonical", new { target = file.Js, threadId = NewThreadId() });
        var before = await File.ReadAllBytesAsync(file.Path, CancellationToken);

        var native = CreateSqliteSaver(file, new SqliteSaverOptions());
        var error = await Assert.ThrowsAsync<SqliteDatabaseException>(() => native.SetupAsync(CancellationToken));

        Assert.Contains("LangGraph's SQLite checkpointer tables", error.Message, StringComparison.Ordinal);
        Assert.Contains("Layout = SqliteLayout.LangGraph", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(file.Path, "SELECT count(*) FROM sqlite_master WHERE name = 'checkpoint_migrations'"));
        Assert.Equal(before.Length, (await File.ReadAllBytesAsync(file.Path, CancellationToken)).Length);
    }

    [Fact]
    public async Task LangGraph_layout_setup_on_a_native_file_is_refused()
    {
        var file = NewSqliteFile();
        await CreateSqliteSaver(file, new SqliteSaverOptions()).SetupAsync(CancellationToken);

        var error = await Assert.ThrowsAsync<SqliteDatabaseException>(() => CreateSqliteSaver(file, JsLayout).SetupAsync(CancellationToken));

        Assert.Contains("native SQLite checkpointer layout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_LangGraph_layout_without_a_LangGraph_wire_format_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => SqliteSaver.FromPath(":memory:", new SqliteSaverOptions { Layout = SqliteLayout.LangGraph }));

        Assert.Contains("WireFormat", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_LangGraph_Python_wrote_reads_its_msgpack_checkpoints()
    {
        var file = NewSqliteFile();
        var saver = CreateSqliteSaver(file, new SqliteSaverOptions { Layout = SqliteLayout.LangGraph, WireFormat = CheckpointWireFormat.LangGraphPython });
        await saver.SetupAsync(CancellationToken);
        var thread = NewThreadId();
        var vector = PythonVectorTests.Vectors["sqlite checkpoint"];
        await using (var connection = new SqliteConnection($"Data Source={file.Path}"))
        {
            await connection.OpenAsync(CancellationToken);
            var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO checkpoints (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, type, checkpoint, metadata)
                VALUES ($thread, '', '1f0b7d6e-1a2b-6c3d-8001-000000000002', NULL, $type, $checkpoint, $metadata);
                INSERT INTO writes (thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, type, value)
                VALUES ($thread, '', '1f0b7d6e-1a2b-6c3d-8001-000000000002', 'task-1', -3, '__interrupt__', $write_type, $write);
                """;
            insert.Parameters.AddWithValue("$thread", thread);
            insert.Parameters.AddWithValue("$type", vector.Type);
            insert.Parameters.AddWithValue("$checkpoint", vector.Data);
            insert.Parameters.AddWithValue("$metadata", Encoding.UTF8.GetBytes("""{"source": "loop", "step": 1, "parents": {}}"""));
            insert.Parameters.AddWithValue("$write_type", PythonVectorTests.Vectors["interrupt"].Type);
            insert.Parameters.AddWithValue("$write", PythonVectorTests.Vectors["interrupt"].Data);
            await insert.ExecuteNonQueryAsync(CancellationToken);
        }

        var tuple = await saver.GetTupleAsync(new RunConfig(thread), CancellationToken);

        Assert.NotNull(tuple);
        ValueAssert.Equal(
            new Dictionary<string, object?> { ["messages"] = PythonCases.Conversation(), ["count"] = 2L },
            tuple.Checkpoint.ChannelValues,
            "The channel values");
        Assert.Equal("2026-01-02T03:04:05.123456+00:00", tuple.Checkpoint.Ts);
        Assert.Equal(["count", "messages"], tuple.Checkpoint.UpdatedChannels!);
        Assert.Equal("00000000000000000000000000000001.0.5", tuple.Checkpoint.VersionsSeen["agent"]["branch:to:agent"]);
        Assert.Equal(1, tuple.Metadata.Step);
        ValueAssert.Equal(PythonCases.Expected["interrupt"], Assert.Single(tuple.PendingWrites).Value, "The interrupt");

        // Written back by us, the row holds LangGraph Python's bytes for the same checkpoint.
        await saver.PutAsync(new RunConfig(NewThreadId()), tuple.Checkpoint, tuple.Metadata, tuple.Checkpoint.ChannelVersions, CancellationToken);
        Assert.Equal(1, await CountAsync(file.Path, $"SELECT count(*) FROM checkpoints WHERE type = 'msgpack' AND hex(checkpoint) = '{Convert.ToHexString(vector.Data)}' AND thread_id <> '{thread}'"));
    }

    private static async Task<long> CountAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        await connection.OpenAsync(CancellationToken);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(CancellationToken))!;
    }
}
