using System.Text.Json.Nodes;
using Checkpoint.Interop.Tests.Data;
using Checkpoint.Interop.Tests.Harness;
using Npgsql;
using NpgsqlTypes;

namespace Checkpoint.Interop.Tests;

/// <summary>
/// PostgreSQL rows in LangGraph Python's shape: strings, numbers, booleans and nulls inline in the checkpoint JSONB,
/// everything else msgpack blobs, padded string versions. No Python runtime is available here, so the rows are written
/// with SQL from the byte vectors of PythonVectors (see its README).
/// </summary>
public sealed class PostgresPythonTests(NodeHarnessFixture fixture) : InteropTest(fixture)
{
    private const string Version = "00000000000000000000000000000002.0.8444218515250481";
    private const string CheckpointId = "1f0b7d6e-1a2b-6c3d-8001-000000000002";

    [Fact]
    public async Task A_thread_LangGraph_Python_wrote_reads_with_inline_values_merged_and_msgpack_blobs_decoded()
    {
        var target = NewPostgresSchema();
        var saver = CreatePostgresSaver(target);
        await saver.SetupAsync(CancellationToken);
        var thread = NewThreadId();
        var checkpoint = $$$"""
            {"v":4,"ts":"2026-01-02T03:04:05.123456+00:00","id":"{{{CheckpointId}}}",
             "channel_values":{"count":2,"note":"hello","flag":true,"nothing":null},
             "channel_versions":{"messages":"{{{Version}}}","count":"{{{Version}}}","note":"{{{Version}}}","flag":"{{{Version}}}","nothing":"{{{Version}}}"},
             "versions_seen":{"agent":{"branch:to:agent":"00000000000000000000000000000001.0.5"}},
             "updated_channels":["count","messages"]}
            """;
        await ExecuteAsync(
            target,
            "INSERT INTO {0}.checkpoints (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, checkpoint, metadata) VALUES ($1, '', $2, NULL, $3::jsonb, $4::jsonb)",
            thread, CheckpointId, checkpoint, """{"source":"loop","step":1,"parents":{},"run_id":"r-1"}""");
        await ExecuteAsync(
            target,
            "INSERT INTO {0}.checkpoint_blobs (thread_id, checkpoint_ns, channel, version, type, blob) VALUES ($1, '', 'messages', $2, $3, $4)",
            thread, Version, PythonVectorTests.Vectors["conversation"].Type, PythonVectorTests.Vectors["conversation"].Data);
        await ExecuteAsync(
            target,
            "INSERT INTO {0}.checkpoint_writes (thread_id, checkpoint_ns, checkpoint_id, task_id, task_path, idx, channel, type, blob) VALUES ($1, '', $2, 'task-1', '~__pregel_pull, agent', -3, '__interrupt__', $3, $4)",
            thread, CheckpointId, PythonVectorTests.Vectors["interrupt"].Type, PythonVectorTests.Vectors["interrupt"].Data);

        var tuple = await saver.GetTupleAsync(new RunConfig(thread), CancellationToken);

        Assert.NotNull(tuple);
        ValueAssert.Equal(
            new Dictionary<string, object?>
            {
                ["count"] = 2L,
                ["note"] = "hello",
                ["flag"] = true,
                ["nothing"] = null,
                ["messages"] = PythonCases.Conversation(),
            },
            tuple.Checkpoint.ChannelValues,
            "The channel values");
        Assert.Equal(Version, tuple.Checkpoint.ChannelVersions["messages"]);
        Assert.Equal(["count", "messages"], tuple.Checkpoint.UpdatedChannels!);
        var write = Assert.Single(tuple.PendingWrites);
        Assert.Equal(("task-1", "__interrupt__", "~__pregel_pull, agent"), (write.TaskId, write.Channel, write.TaskPath));
        ValueAssert.Equal(PythonCases.Expected["interrupt"], write.Value, "The interrupt write");
    }

    [Fact]
    public async Task A_thread_we_write_in_LangGraphPython_format_has_LangGraph_Pythons_row_shape_and_bytes()
    {
        var target = NewPostgresSchema();
        var saver = CreatePostgresSaver(target, CheckpointWireFormat.LangGraphPython);
        await saver.SetupAsync(CancellationToken);
        var thread = NewThreadId();
        var version = saver.GetNextVersion(null);
        var checkpoint = new GraphCheckpoint
        {
            Id = CheckpointId,
            Ts = "2026-01-02T03:04:05.123456+00:00",
            ChannelValues = { ["messages"] = PythonCases.Conversation(), ["count"] = 2L, ["note"] = "hello", ["nothing"] = null },
            ChannelVersions = { ["messages"] = version, ["count"] = version, ["note"] = version, ["nothing"] = version },
        };
        await saver.PutAsync(new RunConfig(thread), checkpoint, new CheckpointMetadata { Source = "loop", Step = 1 }, checkpoint.ChannelVersions, CancellationToken);
        await saver.PutWritesAsync(new RunConfig(thread, string.Empty, CheckpointId), [new("__interrupt__", PythonCases.Expected["interrupt"])], "task-1", "~__pregel_pull, agent", CancellationToken);

        var stored = JsonNode.Parse(await ScalarAsync<string>(target, "SELECT checkpoint::text FROM {0}.checkpoints WHERE thread_id = $1", thread))!;
        ValueAssert.JsonEqual(JsonNode.Parse("""{"count":2,"note":"hello","nothing":null}"""), stored["channel_values"], "The inline values");
        Assert.Matches(@"^0{31}1\.\d{16}$", stored["channel_versions"]!["messages"]!.GetValue<string>());
        var blobs = await RowsAsync(target, "SELECT channel, version, type, blob FROM {0}.checkpoint_blobs WHERE thread_id = $1", thread);
        var blob = Assert.Single(blobs);
        Assert.Equal(("messages", version, "msgpack"), ((string)blob[0]!, (string)blob[1]!, (string)blob[2]!));
        Assert.Equal(Convert.ToHexStringLower(PythonVectorTests.Vectors["conversation"].Data), Convert.ToHexStringLower((byte[])blob[3]!));
        var written = Assert.Single(await RowsAsync(target, "SELECT task_path, idx, type FROM {0}.checkpoint_writes WHERE thread_id = $1", thread));
        Assert.Equal(("~__pregel_pull, agent", -3, "msgpack"), ((string)written[0]!, (int)written[1]!, (string)written[2]!));

        var tuple = await saver.GetTupleAsync(new RunConfig(thread), CancellationToken);
        ValueAssert.Equal(checkpoint.ChannelValues, tuple!.Checkpoint.ChannelValues, "The values read back");
        Assert.Matches(@"^0{31}2\.\d{16}$", saver.GetNextVersion(tuple.Checkpoint.ChannelVersions["messages"]));
    }

    private static async Task ExecuteAsync(PostgresTarget target, string sql, params object[] arguments)
    {
        await using var command = Command(target, sql, arguments);
        await command.ExecuteNonQueryAsync(CancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(PostgresTarget target, string sql, params object[] arguments)
    {
        await using var command = Command(target, sql, arguments);
        return (T)(await command.ExecuteScalarAsync(CancellationToken))!;
    }

    private static async Task<List<object?[]>> RowsAsync(PostgresTarget target, string sql, params object[] arguments)
    {
        await using var command = Command(target, sql, arguments);
        await using var reader = await command.ExecuteReaderAsync(CancellationToken);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(CancellationToken))
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row);
        }

        return rows;
    }

    private static NpgsqlCommand Command(PostgresTarget target, string sql, object[] arguments)
    {
        var command = target.DataSource.CreateCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, $"\"{target.Schema}\""));
        foreach (var argument in arguments)
        {
            command.Parameters.Add(argument is byte[] bytes ? new NpgsqlParameter { Value = bytes, NpgsqlDbType = NpgsqlDbType.Bytea } : new NpgsqlParameter { Value = argument });
        }

        return command;
    }
}
