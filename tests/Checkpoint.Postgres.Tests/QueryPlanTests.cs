using System.Text.Json.Nodes;
using Checkpoint.Postgres.Internal;
using Npgsql;
using Xunit;

namespace Checkpoint.Postgres.Tests;

/// <summary>
/// Reads stay flat in thread length: on a thread of thousands of checkpoints, "latest" and list-limit-10 read a handful
/// of checkpoint rows from an index, never the whole thread; a put's check that the chunks it sends as keys exist
/// probes the primary key once per key, never the thread's blobs. Checked on the server's own plan with the saver's SQL.
/// </summary>
public sealed class QueryPlanTests : PostgresTest
{
    private const int ThreadLength = 4_000;

    [Theory]
    [InlineData("list", false, false)]
    [InlineData("latest", true, false)]
    [InlineData("list before", false, true)]
    [InlineData("list in namespace before", true, true)]
    public async Task Reads_of_a_long_thread_touch_only_the_rows_they_return(string read, bool inNamespace, bool before)
    {
        _ = read; // names the case in the test list
        var shape = SelectShape.Thread | SelectShape.Limit | (inNamespace ? SelectShape.Namespace : 0) | (before ? SelectShape.Before : 0);
        var database = CreateDatabase();
        await using (var saver = database.CreateSaver())
        {
            await saver.SetupAsync(CancellationToken);
        }

        // A long thread over two namespaces among other threads, written directly: the plan, not the put path, is under test.
        await ExecuteAsync($"""
            INSERT INTO "{database.Schema}".checkpoints (thread_id, checkpoint_ns, checkpoint_id, checkpoint, metadata)
            SELECT CASE WHEN i <= {ThreadLength} THEN 'long' ELSE 'other-' || (i % 500) END,
                   CASE WHEN i % 2 = 0 THEN '' ELSE 'child' END,
                   lpad(i::text, 8, '0'),
                   jsonb_build_object('v', 4, 'channel_versions', jsonb_build_object()), jsonb_build_object()
            FROM generate_series(1, {ThreadLength * 3}) AS i
            """);
        await ExecuteAsync($"ANALYZE \"{database.Schema}\".checkpoints");

        var rowsRead = await CheckpointRowsReadAsync(database.Schema, shape, limit: 10);

        Assert.InRange(rowsRead, 1, 10);
    }

    // Runs the saver's select under EXPLAIN ANALYZE and returns how many rows the scans of the checkpoints table produced.
    private static async Task<long> CheckpointRowsReadAsync(string schema, SelectShape shape, int limit)
    {
        var sql = new CheckpointSql(new SchemaName(schema, "test"));
        await using var command = Server.DataSource.CreateCommand("EXPLAIN (ANALYZE, FORMAT JSON) " + sql.Select(shape));
        command.Parameters.Add(new NpgsqlParameter { Value = "long" });
        if (shape.HasFlag(SelectShape.Namespace))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = string.Empty });
        }

        if (shape.HasFlag(SelectShape.Before))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = (ThreadLength / 2).ToString("D8", System.Globalization.CultureInfo.InvariantCulture) });
        }

        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var plan = JsonNode.Parse((string)(await command.ExecuteScalarAsync(CancellationToken))!)![0]!["Plan"]!;
        return Scans(plan).Sum(node => (long)node["Actual Rows"]!.GetValue<double>() * (long)node["Actual Loops"]!.GetValue<double>());
    }

    [Theory]
    [InlineData("custom plan", false)]
    [InlineData("generic plan", true)]
    public async Task The_check_that_blobs_sent_as_keys_exist_probes_the_primary_key_per_key(string plan, bool generic)
    {
        _ = plan; // names the case in the test list
        const int Chunks = 157;
        const int TailVersions = 4_000;
        var database = CreateDatabase();
        await using (var saver = database.CreateSaver())
        {
            await saver.SetupAsync(CancellationToken);
        }

        // A conversation of 10,000 messages: 157 chunks, and thousands of versions of its growing last chunk left by
        // earlier puts, among other threads' blobs. A check that scanned the thread's blobs would read them all.
        await ExecuteAsync($"""
            INSERT INTO "{database.Schema}".checkpoint_blobs (thread_id, checkpoint_ns, channel, version, type, blob)
            SELECT 'long', '', chr(1) || i || chr(1) || 'messages', md5(i::text), 'json:list<x>', '[1]'::bytea FROM generate_series(0, {Chunks - 1}) AS i
            UNION ALL
            SELECT 'long', '', chr(1) || '{Chunks - 1}' || chr(1) || 'messages', md5('tail' || i), 'json:list<x>', '[1]'::bytea FROM generate_series(1, {TailVersions}) AS i
            UNION ALL
            SELECT 'other-' || (i % 200), '', chr(1) || (i % 100) || chr(1) || 'messages', md5('other' || i), 'json:list<x>', '[1]'::bytea FROM generate_series(1, {TailVersions * 5}) AS i
            """);
        await ExecuteAsync($"ANALYZE \"{database.Schema}\".checkpoint_blobs");

        // The saver prepares its statements, so the server may run them with a generic plan: both kinds are checked.
        var sql = new CheckpointSql(new SchemaName(database.Schema, "test"));
        // A name of its own, and the session put back afterwards: a pooled connection keeps both for the next user.
        var statement = $"put_if_blobs_exist_{Guid.NewGuid():N}";
        await using var connection = await Server.DataSource.OpenConnectionAsync(CancellationToken);
        await using (var prepare = new NpgsqlCommand(
            $"""
            SET plan_cache_mode = {(generic ? "force_generic_plan" : "force_custom_plan")};
            PREPARE {statement} (text, text, text, text, jsonb, jsonb, text[], text[], text[], bytea[], text[], text[]) AS {sql.PutCheckpointIfBlobsExist}
            """,
            connection))
        {
            await prepare.ExecuteNonQueryAsync(CancellationToken);
        }

        JsonNode root;
        try
        {
            root = await ExplainAsync(connection, statement, Chunks);
        }
        finally
        {
            await using var reset = new NpgsqlCommand($"DEALLOCATE {statement}; RESET plan_cache_mode", connection);
            await reset.ExecuteNonQueryAsync(CancellationToken);
        }

        var probes = Scans(root, "checkpoint_blobs").Where(node => node["Node Type"]!.GetValue<string>() != "ModifyTable").ToList();

        // Every key found (the checkpoint row was written), each by its own probe of the primary key.
        Assert.Equal(1, root["Tuples Inserted"]!.GetValue<double>());
        Assert.NotEmpty(probes);
        Assert.All(probes, node => Assert.Equal("checkpoint_blobs_pkey", node["Index Name"]?.GetValue<string>()));
        Assert.Equal(Chunks - 1, probes.Sum(node => (long)node["Actual Rows"]!.GetValue<double>() * (long)node["Actual Loops"]!.GetValue<double>()));
    }

    // The plan of a put that sends every chunk but the last as a key (EXECUTE takes no parameters).
    private async Task<JsonNode> ExplainAsync(NpgsqlConnection connection, string statement, int chunks)
    {
        var keys = string.Join(", ", Enumerable.Range(0, chunks - 1).Select(i => $"chr(1) || '{i}' || chr(1) || 'messages'"));
        var versions = string.Join(", ", Enumerable.Range(0, chunks - 1).Select(i => $"md5('{i}')"));
        await using var command = new NpgsqlCommand(
            $$"""
            EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE {{statement}} (
                'long', '', '00000001', NULL, '{"v": 4}', '{}', '{}', '{}', '{}', '{}', ARRAY[{{keys}}], ARRAY[{{versions}}])
            """,
            connection);
        return JsonNode.Parse((string)(await command.ExecuteScalarAsync(CancellationToken))!)![0]!["Plan"]!;
    }

    private static IEnumerable<JsonNode> Scans(JsonNode node, string relation = "checkpoints")
    {
        if (node["Relation Name"]?.GetValue<string>() == relation)
        {
            yield return node;
        }

        foreach (var child in node["Plans"]?.AsArray() ?? [])
        {
            foreach (var scan in Scans(child!, relation))
            {
                yield return scan;
            }
        }
    }
}
