using AgentFrameworkSample;

namespace Checkpoint.AgentFramework.Tests.Sample;

public sealed class SampleTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sample_program_runs_offline_on_its_default_sqlite_file()
    {
        var directory = Directory.CreateTempSubdirectory("agentfw-sample-");
        try
        {
            var (exitCode, output, error) = await DotnetProcess.RunAsync("AgentFrameworkSample.dll", [], directory.FullName);

            Assert.True(exitCode == 0, $"exit code {exitCode}\n{output}\n{error}");
            Assert.True(File.Exists(Path.Combine(directory.FullName, SampleBackend.DefaultSqliteFile)));
            Assert.Contains("[alice-chat-1] assistant: Your name is Alice (you told me in this conversation).", output, StringComparison.Ordinal);
            Assert.Contains("[alice-chat-2] assistant: Your name is Alice (I remember it from an earlier conversation).", output, StringComparison.Ordinal);
            Assert.Contains("-- stopping the workflow after 3 supersteps", output, StringComparison.Ordinal);
            Assert.Contains($"workflow output: {GuessingGame.ExpectedOutput}", output, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task The_sample_scenarios_pass_on_every_backend(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var opened = 0;

        // Every "restart" of the sample opens new saver and store objects over the same storage.
        async Task<SampleBackend> OpenAsync(CancellationToken cancellationToken)
        {
            if (opened++ > 0)
            {
                await backend.ReopenAsync();
            }

            return new SampleBackend(backend.Saver, backend.Store, backend.Name);
        }

        var result = await Demo.RunAsync(OpenAsync, TextWriter.Null, Token);

        Assert.Equal(
            ["Your name is Alice (you told me in this conversation).", "Your name is Alice (I remember it from an earlier conversation)."],
            result.Answers);
        Assert.Equal(GuessingGame.ExpectedOutput, result.WorkflowOutput);
        Assert.Equal(4, opened);
    }
}
