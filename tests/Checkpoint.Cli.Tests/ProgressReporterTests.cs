using Checkpoint.Cli.Output;

namespace Checkpoint.Cli.Tests;

/// <summary>
/// Progress never gets in the way of the work: it runs once, with every step, and returns its result, whether standard
/// error is a terminal (a bar or a spinner) or not (nothing written).
/// </summary>
public sealed class ProgressReporterTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Work_with_a_known_total_runs_once_with_every_step(bool terminal)
    {
        var (console, error) = Console(terminal);
        var steps = 0;
        var runs = 0;

        await ProgressReporter.RunAsync(console, "copying threads", 250, async advance =>
        {
            runs++;
            for (var i = 0; i < 250; i++)
            {
                await Task.Yield();
                advance();
                steps++;
            }
        });

        Assert.Equal((1, 250), (runs, steps));
        Assert.True(terminal || error.ToString().Length == 0, error.ToString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Work_of_unknown_size_returns_its_result_after_every_step(bool terminal)
    {
        var (console, error) = Console(terminal);

        var result = await ProgressReporter.RunCountingAsync(console, "verifying the store", async advance =>
        {
            for (var i = 0; i < 250; i++)
            {
                await Task.Yield();
                advance();
            }

            return 250;
        });

        Assert.Equal(250, result);
        Assert.True(terminal || error.ToString().Length == 0, error.ToString());
    }

    private static (CliConsole Console, StringWriter Error) Console(bool errorIsTerminal)
    {
        var error = new StringWriter();
        return (new CliConsole(new StringWriter(), error, outputIsTerminal: false, errorIsTerminal), error);
    }
}
