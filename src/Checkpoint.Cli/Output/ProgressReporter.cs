using Spectre.Console;

namespace Checkpoint.Cli.Output;

/// <summary>A progress bar on standard error for long work, shown only when standard error is a terminal.</summary>
internal static class ProgressReporter
{
    /// <summary>Runs work that advances a counter up to <paramref name="total"/>: a bar with the time remaining.</summary>
    /// <param name="console">The console.</param>
    /// <param name="description">What the bar says.</param>
    /// <param name="total">How many steps there are (0 when unknown).</param>
    /// <param name="work">The work; it calls the given action after each step.</param>
    /// <returns>A task that completes with the work.</returns>
    public static Task RunAsync(CliConsole console, string description, int total, Func<Action, Task> work) =>
        RunAsync(console, description, total, async advance =>
        {
            await work(advance).ConfigureAwait(false);
            return true;
        });

    /// <summary>Runs work whose size is not known in advance (a store listing): a spinner with a running count.</summary>
    /// <typeparam name="T">What the work returns.</typeparam>
    /// <param name="console">The console.</param>
    /// <param name="description">What the line says, before the count.</param>
    /// <param name="work">The work; it calls the given action after each step.</param>
    /// <returns>What the work returns.</returns>
    public static Task<T> RunCountingAsync<T>(CliConsole console, string description, Func<Action, Task<T>> work) =>
        RunAsync(console, description, total: null, work);

    // A known total shows a bar that advances one step per call; an unknown one a spinner whose line counts the steps.
    private static async Task<T> RunAsync<T>(CliConsole console, string description, int? total, Func<Action, Task<T>> work)
    {
        if (!console.ShowsProgress)
        {
            return await work(() => { }).ConfigureAwait(false);
        }

        ProgressColumn[] columns = total is null
            ? [new SpinnerColumn(), new TaskDescriptionColumn(), new ElapsedTimeColumn()]
            : [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn()];
        var result = default(T)!;
        await console.Err.Progress()
            .AutoClear(true)
            .Columns(columns)
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Markup.Escape(description), maxValue: Math.Max(total ?? 1, 1));
                task.IsIndeterminate = total is null;
                var done = 0;
                result = await work(total is null
                    ? () =>
                    {
                        // The description is rebuilt every hundred steps: often enough to see, rarely enough to cost nothing.
                        if (++done % 100 == 0)
                        {
                            task.Description = Markup.Escape($"{description}: {Format.Count(done, "item")} read");
                        }
                    }
                    : () => task.Increment(1)).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return result;
    }
}
