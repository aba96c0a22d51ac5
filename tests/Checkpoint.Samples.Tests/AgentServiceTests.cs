using System.Text.RegularExpressions;

namespace Checkpoint.Samples.Tests;

/// <summary>
/// samples/AgentService, run as a process twice on one database: the second run resumes the thread and recalls the
/// store's memory, and both print the checkpointer's spans and metrics through OpenTelemetry's console exporter.
/// </summary>
public sealed partial class AgentServiceTests : IDisposable
{
    private const string FirstReply = "agent: Nice to meet you, Ada. I will remember: \"I prefer short answers\".";
    private const string SecondReply = "agent: From this thread: your name is Ada. From my long-term memory: \"I prefer short answers\".";
    private readonly string _directory = Directory.CreateTempSubdirectory("agent-service-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Run_twice_on_its_default_sqlite_file_the_second_run_resumes_the_thread_and_recalls_the_memory()
    {
        var (first, second) = await RunTwiceAsync(new Dictionary<string, string?>());

        AssertConversationResumed(first, second);
        Assert.True(File.Exists(Path.Combine(_directory, "agent-service.db")), "appsettings.json names agent-service.db in the working directory.");
    }

    [Fact]
    public async Task Spans_and_metrics_of_the_Checkpoint_source_and_meter_reach_the_console_exporter()
    {
        var (first, second) = await RunTwiceAsync(new Dictionary<string, string?>());

        foreach (var run in new[] { first, second })
        {
            Assert.True(run.ExitCode == 0, run.All);
            Assert.Matches(SpanNamed("put checkpoints"), run.Output);
            Assert.Matches(SpanNamed("get_tuple checkpoints"), run.Output);
            Assert.Matches(ScopeNamed("ActivitySource", CheckpointTelemetry.ActivitySourceName), run.Output);
            Assert.Matches(MetricNamed(CheckpointTelemetry.OperationDuration), run.Output);
            Assert.Matches(MetricNamed(CheckpointTelemetry.BytesWritten), run.Output);
            Assert.Matches(ScopeNamed("Meter", CheckpointTelemetry.MeterName), run.Output);
        }

        // The semantic search of the second run is a span of the store.
        Assert.Matches(SpanNamed("search store"), second.Output);
    }

    [Fact]
    public async Task Run_twice_on_postgres_configured_by_environment_the_second_run_resumes_the_thread()
    {
        var server = ExternalDatabase.Require("postgres", "CHECKPOINT_TEST_POSTGRES");
        var schema = $"agent_service_{Guid.NewGuid():N}";
        try
        {
            var (first, second) = await RunTwiceAsync(new Dictionary<string, string?>
            {
                ["Checkpoint__Backend"] = "Postgres",
                ["Checkpoint__Saver__ConnectionString"] = server,
                ["Checkpoint__Saver__SchemaName"] = schema,
                ["Checkpoint__Store__ConnectionString"] = server,
                ["Checkpoint__Store__SchemaName"] = schema,
            });

            AssertConversationResumed(first, second);
            Assert.Matches(SpanNamed("put checkpoints"), second.Output);
            Assert.Contains("db.system.name: postgresql", second.Output, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(_directory, "agent-service.db")));
        }
        finally
        {
            await using var connection = new Npgsql.NpgsqlConnection(server);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var drop = new Npgsql.NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Run_twice_on_redis_under_its_own_key_prefix_the_second_run_resumes_the_thread()
    {
        var server = ExternalDatabase.Require("redis", "CHECKPOINT_TEST_REDIS");
        var prefix = $"agent-service-{Guid.NewGuid():N}:";
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(server);
        try
        {
            var (first, second) = await RunTwiceAsync(new Dictionary<string, string?>
            {
                ["Checkpoint__Backend"] = "Redis",
                ["Checkpoint__Saver__ConnectionString"] = server,
                ["Checkpoint__Saver__KeyPrefix"] = prefix + "checkpoint:",
                ["Checkpoint__Store__ConnectionString"] = server,
                ["Checkpoint__Store__KeyPrefix"] = prefix + "store:",
            });

            AssertConversationResumed(first, second);
            Assert.NotEmpty(redis.GetServers()[0].Keys(pattern: prefix + "*"));
        }
        finally
        {
            foreach (var key in redis.GetServers()[0].Keys(pattern: prefix + "*"))
            {
                await redis.GetDatabase().KeyDeleteAsync(key);
            }
        }
    }

    [Theory]
    [InlineData("Checkpoint__Backend", "Cassandra", "Set Checkpoint:Backend to Sqlite, Postgres or Redis (it is 'Cassandra').")]
    [InlineData("Checkpoint__Saver__SchemaNmae", "x", "'Checkpoint:Saver' does not fit SqliteSaverOptions")]
    [InlineData("Checkpoint__Store__ConnectionString", "", "'Checkpoint:Store:ConnectionString' is missing or empty")]
    public async Task A_bad_setting_stops_the_host_with_a_message_naming_it_and_creates_nothing(string variable, string value, string message)
    {
        var run = await DotnetProcess.RunAsync("AgentService.dll", [], _directory, environment: new Dictionary<string, string?> { [variable] = value });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("agent:", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "agent-service.db")));
    }

    private static void AssertConversationResumed(ProcessResult first, ProcessResult second)
    {
        Assert.True(first.ExitCode == 0, first.All);
        Assert.True(second.ExitCode == 0, second.All);
        Assert.Contains("Thread \"support-42\": a new conversation.", first.Output, StringComparison.Ordinal);
        Assert.Contains(FirstReply, first.Output, StringComparison.Ordinal);
        Assert.Contains("Thread \"support-42\": resumed with 2 messages from an earlier run.", second.Output, StringComparison.Ordinal);
        Assert.Contains(SecondReply, second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(FirstReply, second.Output, StringComparison.Ordinal);
    }

    private async Task<(ProcessResult First, ProcessResult Second)> RunTwiceAsync(IReadOnlyDictionary<string, string?> environment)
    {
        var first = await DotnetProcess.RunAsync("AgentService.dll", [], _directory, environment: environment);
        var second = await DotnetProcess.RunAsync("AgentService.dll", [], _directory, environment: environment);
        return (first, second);
    }

    private static Regex SpanNamed(string name) => new($@"^Activity\.DisplayName:\s+{Regex.Escape(name)}\r?$", RegexOptions.Multiline);

    private static Regex MetricNamed(string name) => new($@"^Metric Name: {Regex.Escape(name)},", RegexOptions.Multiline);

    // The console exporter prints the source or meter of each span and metric as "Instrumentation scope (...): Name: ...".
    private static Regex ScopeNamed(string kind, string name) => new($@"Instrumentation scope \({kind}\):\s+Name: {Regex.Escape(name)}\r?$", RegexOptions.Multiline);
}
