using System.Text.Json.Nodes;
using Checkpoint.Cli.Tests.Support;

namespace Checkpoint.Cli.Tests;

/// <summary><c>checkpoint verify</c> reads everything, names every damage planted in a copy, and exits 1 when there is any.</summary>
public sealed class VerifyTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cli-verify-").FullName;
    private string Source => Path.Combine(_directory, "source.db");

    public async ValueTask InitializeAsync() => await SourceDatabase.CreateAsync(Source);

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task An_intact_database_verifies_with_exit_code_0_and_an_empty_json_array()
    {
        var result = await CliRunner.RunAsync(_directory, "--connection", Source, "verify", "--json");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Empty(result.Json.AsArray());
        Assert.Contains($"checked 4 threads, {SourceDatabase.Checkpoints} checkpoints", result.Error, StringComparison.Ordinal);
        Assert.Contains("and 4 store items; nothing is damaged", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Each_kind_of_damage_planted_in_a_copy_is_named_and_the_exit_code_is_1(string backend)
    {
        await using var target = Target.Create(backend, _directory);
        var copy = await CliRunner.RunAsync(_directory, ["--connection", Source, "copy", .. target.ToArgs]);
        Assert.True(copy.ExitCode == 0, copy.All);
        var blob = backend == "postgres" ? "convert_to('{broken', 'UTF8')" : "CAST('{broken' AS BLOB)";
        await target.ExecuteSqlAsync($"""
            DELETE FROM checkpoint_blobs WHERE thread_id = '{SourceDatabase.Subgraphs}' AND checkpoint_ns = 'child:task-1' AND channel = 'value' AND version = '{SourceDatabase.Version(2)}';
            DELETE FROM checkpoint_blobs WHERE thread_id = '{SourceDatabase.Long}' AND channel LIKE '{'\u0001'}0{'\u0001'}messages';
            UPDATE checkpoint_blobs SET blob = {blob} WHERE thread_id = '{SourceDatabase.Pending}' AND channel = 'value';
            UPDATE checkpoint_writes SET blob = {blob} WHERE thread_id = '{SourceDatabase.Pending}' AND task_id = 'task-a' AND idx = 0;
            DELETE FROM checkpoints WHERE thread_id = '{SourceDatabase.Subgraphs}' AND checkpoint_ns = '' AND checkpoint_id = '{SourceDatabase.Id(0)}';
            """);

        var result = await CliRunner.RunAsync(_directory, [.. target.Args, "verify", "--json"]);

        Assert.True(result.ExitCode == 1, result.All);
        var damages = result.Json.AsArray().Select(d => d!.AsObject()).ToList();
        AssertNamed(damages, "missing-value", SourceDatabase.Subgraphs, SourceDatabase.Id(2 + ("child:task-1".Length * 10)), "'value'");
        AssertNamed(damages, "missing-chunk", SourceDatabase.Long, SourceDatabase.Id(SourceDatabase.LongSteps - 1), "chunk 0 of channel 'messages'");
        AssertNamed(damages, "corrupt-value", SourceDatabase.Pending, SourceDatabase.Id(0), "'value'");
        AssertNamed(damages, "corrupt-write", SourceDatabase.Pending, SourceDatabase.Id(0), "task 'task-a'");
        AssertNamed(damages, "missing-parent", SourceDatabase.Subgraphs, SourceDatabase.Id(500), SourceDatabase.Id(0));
        Assert.DoesNotContain(damages, d => (string?)d["thread_id"] == SourceDatabase.Secret);
        Assert.Contains("DAMAGED", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checkpoint_whose_stored_json_is_damaged_is_named_and_verify_reads_on_past_it_where_the_backend_says_which_one()
    {
        await using var target = Target.Create("sqlite", _directory);
        var copy = await CliRunner.RunAsync(_directory, ["--connection", Source, "copy", "--thread", SourceDatabase.Secret, .. target.ToArgs]);
        Assert.True(copy.ExitCode == 0, copy.All);
        await target.ExecuteSqlAsync($"UPDATE checkpoints SET checkpoint = '{{not json' WHERE thread_id = '{SourceDatabase.Secret}' AND checkpoint_id = '{SourceDatabase.Id(1)}'");

        var result = await CliRunner.RunAsync(_directory, [.. target.Args, "verify"]);

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains("unreadable-checkpoint", result.Output, StringComparison.Ordinal);
        Assert.Contains($"thread '{SourceDatabase.Secret}'", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Every_damaged_store_item_is_named_by_namespace_and_key_and_the_intact_ones_are_not(string backend)
    {
        await using var target = Target.Create(backend, _directory);
        var copy = await CliRunner.RunAsync(_directory, ["--connection", Source, "copy", "--store-only", .. target.ToArgs]);
        Assert.True(copy.ExitCode == 0, copy.All);

        // The first, a middle and the last item in listing order; ("memories", "alice")/name stays intact.
        var broken = backend == "postgres" ? "'[1, 2]'" : "'{broken'";
        await target.ExecuteSqlAsync($"""
            UPDATE store SET value = {broken} WHERE prefix = 'memories.alice' AND key = 'city';
            UPDATE store SET value = '"just text"' WHERE prefix = 'memories.bob' AND key = 'name';
            UPDATE store SET value = '42' WHERE prefix = 'profiles' AND key = 'bob';
            """);

        var result = await CliRunner.RunAsync(_directory, [.. target.Args, "verify", "--json"]);

        Assert.True(result.ExitCode == 1, result.All);
        var named = result.Json.AsArray()
            .Select(d => d!.AsObject())
            .Where(d => (string?)d["kind"] == "unreadable-item")
            .Select(d => (string.Join('.', d["namespace"]!.AsArray().Select(l => (string)l!)), (string)d["key"]!))
            .ToList();
        Assert.Equal([("memories.alice", "city"), ("memories.bob", "name"), ("profiles", "bob")], named);
        Assert.True(result.Error.Contains("and 4 store items; found 3 problems", StringComparison.Ordinal), result.All);

        var table = await CliRunner.RunAsync(_directory, [.. target.Args, "verify"]);
        Assert.True(table.ExitCode == 1, table.All);
        Assert.Contains("store item (\"profiles\") 'bob'", table.Output, StringComparison.Ordinal);
    }

    private static void AssertNamed(List<JsonObject> damages, string kind, string thread, string checkpointId, string detail) =>
        Assert.True(
            damages.Any(d => (string?)d["kind"] == kind && (string?)d["thread_id"] == thread && (string?)d["checkpoint_id"] == checkpointId && ((string?)d["detail"])!.Contains(detail, StringComparison.Ordinal)),
            $"No {kind} damage at {thread}/{checkpointId} naming {detail} in:\n{string.Join("\n", damages.Select(d => d.ToJsonString()))}");
}
