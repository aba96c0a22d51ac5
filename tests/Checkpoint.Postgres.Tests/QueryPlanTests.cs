using System.Text.Json.Nodes;
using Checkpoint.Postgres.Internal;
using Npgsql;
using Xunit;

namespace Checkpoint.Postgres.Tests;

/// <summary>
/// Reads stay flat in thread length: on a thread of thousands of checkpoints, "latest" and list-limit-10 read a handful
/// of checkpoint rows from an index, never the whole thread. Checked on the server's own plan with the saver's SQL.
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

    private static IEnumerable<JsonNode> Scans(JsonNode node)
    {
        if (node["Relation Name"]?.GetValue<string>() == "checkpoints")
        {
            yield return node;
        }

        foreach (var child in node["Plans"]?.AsArray() ?? [])
        {
            foreach (var scan in Scans(child!))
            {
                yield return scan;
            }
        }
    }
}
