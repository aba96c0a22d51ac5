using Checkpoint.Cli.Tests.Support;

namespace Checkpoint.Cli.Tests;

/// <summary>Bad input gets one clear line on standard error and its exit code; a stack trace only with <c>--verbose</c>.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cli-input-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(2, "error: unknown backend 'oracle'; choose one of: sqlite, postgres, redis, mongo.", "--backend", "oracle", "--connection", "x", "threads")]
    [InlineData(2, "error: Unrecognized command or argument '--thraed'.", "--connection", "app.db", "history", "1", "--thraed")]
    [InlineData(3, "error: cannot reach PostgreSQL 127.0.0.1:1/", "--backend", "postgres", "--connection", "Host=127.0.0.1;Port=1;Username=app;Password=s3cret;Timeout=5", "threads")]
    [InlineData(3, "error: cannot reach Redis 127.0.0.1:1", "--backend", "redis", "--connection", "127.0.0.1:1,password=s3cret,connectTimeout=2000", "threads")]
    [InlineData(1, "error: SQLite missing.db does not exist: run 'checkpoint setup' for a new database, or check --connection.", "--connection", "missing.db", "threads")]
    public async Task Bad_input_prints_one_line_and_its_exit_code_without_a_stack_trace_or_a_secret(int exitCode, string message, params string[] args)
    {
        var result = await CliRunner.RunAsync(_directory, args);

        Assert.True(result.ExitCode == exitCode, result.All);
        Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
        Assert.True(result.Error.TrimEnd().Split('\n').Length <= 2, result.All);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", result.All, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task A_thread_that_does_not_exist_exits_4_and_verbose_adds_the_stack_trace()
    {
        var setup = await CliRunner.RunAsync(_directory, "--connection", "app.db", "setup");
        var plain = await CliRunner.RunAsync(_directory, "--connection", "app.db", "show", "no-such-thread");
        var verbose = await CliRunner.RunAsync(_directory, "--connection", "app.db", "--verbose", "show", "no-such-thread");

        Assert.True(setup.ExitCode == 0, setup.All);
        Assert.Equal(4, plain.ExitCode);
        Assert.Equal("error: thread 'no-such-thread' has no checkpoints in this database.", plain.Error.TrimEnd());
        Assert.Equal(4, verbose.ExitCode);
        Assert.Contains("   at ", verbose.Error, StringComparison.Ordinal);
    }
}
