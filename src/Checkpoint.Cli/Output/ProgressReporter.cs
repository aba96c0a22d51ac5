using Spectre.Console;

namespace Checkpoint.Cli.Output;

/// <summary>A progress bar on standard error for long work, shown only when standard error is a terminal.</summary>
internal static class ProgressReporter
{
    /// <summary>Runs work that advances a counter up to <paramref name="total"/>.</summary>
    /// <param name="console">The console.</param>
    /// <param name="description">What the bar says.</param>
    /// <param name="total">How many steps there are (0 when unknown).</param>
    /// <param name="work">The work; it calls the given action after each step.</param>
    /// <returns>A task that completes with the work.</returns>
    public static async Task RunAsync(CliConsole console, string description, int total, Func<Action, Task> work)
    {
        if (!console.ShowsProgress)
        {
            await work(() => { }).ConfigureAwait(false);
            return;
        }

        await console.Err.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Markup.Escape(description), maxValue: Math.Max(total, 1));
                await work(() => task.Increment(1)).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
    }
}
