using System.Reflection;
using Checkpoint.Tests.Support;
using Xunit;

namespace Checkpoint.Postgres.Tests;

/// <summary>
/// Synchronous operations must not depend on the .NET thread pool: an application that blocks many pool threads in
/// synchronous calls (40 concurrent writers mixing sync and async calls) would otherwise starve it, and Npgsql sends the
/// second and later statements of a synchronous batch from the pool, so such a batch times out and then hangs.
/// </summary>
public sealed class ThreadPoolStarvationTests : PostgresTest
{
    [Fact]
    public async Task Every_sync_operation_completes_while_every_thread_pool_thread_is_blocked()
    {
        var database = CreateDatabase();
        var runner = typeof(ThreadPoolStarvationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SetupRunnerPath").Value!;
        Assert.True(File.Exists(runner), $"The setup runner was not built at {runner}.");

        // A child process: starving the pool here would stall every other test of this run.
        var (exitCode, output, error) = await DotnetProcess.RunAsync(runner, ["starve", Server.ConnectionString, database.Schema]);
        Assert.True(exitCode == 0, $"Sync operations failed with the thread pool starved (exit {exitCode}): {error}{output}");
    }
}
