using Quickstart;

namespace Checkpoint.Graph.Tests.QuickstartSample;

/// <summary>The README's first command: the quickstart program, run as a process.</summary>
public sealed class QuickstartTests : IDisposable
{
    private const string HumanBanner = "================================ Human Message =================================";
    private const string AiBanner = "================================== Ai Message ==================================";
    private readonly string _directory = Directory.CreateTempSubdirectory("quickstart-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Runs the built quickstart program (copied next to the tests) in this test's directory.</summary>
    private Task<ProcessResult> RunAsync(string? standardInput, params string[] args) =>
        DotnetProcess.RunAsync("Quickstart.dll", args, _directory, standardInput);

    [Fact]
    public async Task It_runs_every_scenario_offline_and_prints_the_conversation_like_pretty_print()
    {
        var (exitCode, output, error) = await RunAsync(null, "--backend", "memory");

        Assert.True(exitCode == 0, error);
        Assert.Contains($"{HumanBanner}\n\nhi! I'm bob\n{AiBanner}\n\nHi Bob! Nice to meet you.", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains($"{HumanBanner}\n\nwhat's my name?\n{AiBanner}\n\nYour name is Bob.", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(2, CountOf(output, "Your name is Bob."));
        Assert.Equal(2, CountOf(output, "I don't know your name"));
        Assert.Contains("(\"memories\", \"1\") user-name: {\"data\":\"User name is Bob\"}", output, StringComparison.Ordinal);
        Assert.Contains("Paused before human_review: the agent asks to run send_email(to: \"alice\", body: \"the report is ready\")", output, StringComparison.Ordinal);
        Assert.Contains("next = [human_review]", output, StringComparison.Ordinal);
        Assert.Contains($"{AiBanner}\n\nDone: email sent to alice: \"the report is ready\".", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains($"{AiBanner}\n\nOK, I did not send it: the reviewer rejected it (not before the announcement).", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_asks_on_stdin_before_the_agent_sends_an_email()
    {
        var (exitCode, output, error) = await RunAsync(
            "send an email to carol saying lunch?\ny\nsend an email to dan saying hi\nn\nexit\n", "--backend", "memory", "chat");

        Assert.True(exitCode == 0, error);
        Assert.Equal(2, CountOf(output, "Approve? [y/N]"));
        Assert.Contains("send_email(to: \"carol\", body: \"lunch?\")", output, StringComparison.Ordinal);
        Assert.Contains("Done: email sent to carol: \"lunch?\".", output, StringComparison.Ordinal);
        Assert.Contains("OK, I did not send it: the reviewer rejected it (declined in chat).", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tool_call_left_unanswered_waits_in_the_checkpoint_and_the_next_chat_process_asks_again()
    {
        var first = await RunAsync("send an email to carol saying lunch?\n", "chat", "--thread", "hitl");
        var second = await RunAsync("y\n", "chat", "--thread", "hitl");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("stays pending in thread \"hitl\"", first.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Done:", first.Output, StringComparison.Ordinal);
        Assert.Contains("send_email(to: \"carol\", body: \"lunch?\"). Approve? [y/N]", second.Output, StringComparison.Ordinal);
        Assert.Contains("Done: email sent to carol: \"lunch?\".", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_twice_on_its_default_sqlite_file_the_second_run_still_knows_bob()
    {
        var first = await RunAsync(null);
        var second = await RunAsync(null);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.True(File.Exists(Path.Combine(_directory, Backends.DefaultSqliteFile)));
        Assert.DoesNotContain("already holds", first.Output, StringComparison.Ordinal);
        Assert.Contains("Thread \"1\" already holds 4 messages from an earlier run", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("hi! I'm bob", second.Output, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(second.Output, "Your name is Bob."));
    }

    [Fact]
    public async Task Run_twice_on_postgres_the_second_run_still_knows_bob()
    {
        var server = ExternalDatabase.Require("postgres", "CHECKPOINT_TEST_POSTGRES");
        var database = $"quickstart_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE {database}");
        try
        {
            var connection = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            var first = await RunAsync(null, "--backend", "postgres", "--connection", connection);
            var second = await RunAsync(null, "--backend", "postgres", "--connection", connection);

            Assert.True(first.ExitCode == 0, first.Error);
            Assert.True(second.ExitCode == 0, second.Error);
            Assert.Contains("Thread \"1\" already holds 4 messages from an earlier run", second.Output, StringComparison.Ordinal);
            Assert.Equal(2, CountOf(second.Output, "Your name is Bob."));
        }
        finally
        {
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    [Fact]
    public async Task Run_on_redis_it_keeps_its_keys_under_its_own_prefix()
    {
        var server = ExternalDatabase.Require("redis", "CHECKPOINT_TEST_REDIS");

        // A logical database of its own keeps this run apart from the other tests sharing the server.
        var database = Random.Shared.Next(1, 16);
        var configuration = $"{server},defaultDatabase={database}";
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(configuration);
        try
        {
            var (exitCode, output, error) = await RunAsync(null, "--backend", "redis", "--connection", configuration);

            Assert.True(exitCode == 0, error);
            Assert.Equal(2, CountOf(output, "Your name is Bob."));
            var keys = redis.GetServers()[0].Keys(database, "*").Select(k => k.ToString()).ToList();
            Assert.NotEmpty(keys);
            Assert.All(keys, k => Assert.StartsWith("quickstart:", k, StringComparison.Ordinal));
        }
        finally
        {
            foreach (var key in redis.GetServers()[0].Keys(database, "quickstart:*"))
            {
                await redis.GetDatabase(database).KeyDeleteAsync(key);
            }
        }
    }

    [Fact]
    public async Task Run_twice_on_mongo_the_second_run_still_knows_bob()
    {
        var server = ExternalDatabase.Require("mongo", "CHECKPOINT_TEST_MONGO");
        var database = $"quickstart_{Guid.NewGuid():N}";
        var url = new MongoDB.Driver.MongoUrlBuilder(server) { DatabaseName = database }.ToString();
        try
        {
            var first = await RunAsync(null, "--backend", "mongo", "--connection", url);
            var second = await RunAsync(null, "--backend", "mongo", "--connection", url);

            Assert.True(first.ExitCode == 0, first.Error);
            Assert.True(second.ExitCode == 0, second.Error);
            Assert.Contains("Thread \"1\" already holds 4 messages from an earlier run", second.Output, StringComparison.Ordinal);
            Assert.Equal(2, CountOf(second.Output, "Your name is Bob."));
        }
        finally
        {
            await new MongoDB.Driver.MongoClient(server).DropDatabaseAsync(database, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Chat_talks_on_the_given_thread_from_stdin()
    {
        var (exitCode, output, error) = await RunAsync("hi! I'm bob\nwhat's my name?\nexit\nignored\n", "--backend", "memory", "chat", "--thread", "9", "--user", "3");

        Assert.True(exitCode == 0, error);
        Assert.Contains("thread \"9\" as user \"3\"", output, StringComparison.Ordinal);
        Assert.Contains($"{AiBanner}\n\nYour name is Bob.", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(2, CountOf(output, AiBanner));
    }

    [Theory]
    [InlineData("--backend", "nosuch")]
    [InlineData("--backend")]
    [InlineData("--frobnicate")]
    [InlineData("--thread", "1")]
    [InlineData("--backend", "memory", "--connection", "Data Source=x.db")]
    [InlineData("--backend", "postgres")]
    [InlineData("--backend", "redis")]
    [InlineData("chat", "--thread")]
    [InlineData("chat", "--thread", "")]
    public async Task Bad_options_print_the_usage_on_stderr_and_exit_with_2(params string[] args)
    {
        var (exitCode, output, error) = await RunAsync(null, args);

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage: dotnet run --project samples/Quickstart", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public void Banners_are_eighty_columns_like_LangGraphs()
    {
        Assert.Equal(HumanBanner, PrettyPrint.Banner("Human Message"));
        Assert.Equal(AiBanner, PrettyPrint.Banner("Ai Message"));
        Assert.All(new[] { "Human Message", "Ai Message", "System Message", "Tool Message" }, t => Assert.Equal(80, PrettyPrint.Banner(t).Length));
    }

    [Fact]
    public void Help_is_not_an_error()
    {
        Assert.True(QuickstartOptions.TryParse(["--help"], out var options, out _));
        Assert.True(options.Help);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static int CountOf(string text, string value) => (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;
}
