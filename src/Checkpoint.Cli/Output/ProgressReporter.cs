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

    /// <summary>Runs work whose size is not known in advance (a store listing): a spinner with a running count.</summary>
    /// <typeparam name="T">What the work returns.</typeparam>
    /// <param name="console">The console.</param>
    /// <param name="description">What the line says, before the count.</param>
    /// <param name="work">The work; it calls the given action after each step.</param>
    /// <returns>What the work returns.</returns>
    public static async Task<T> RunCountingAsync<T>(CliConsole console, string description, Func<Action, Task<T>> work)
    {
        if (!console.ShowsProgress)
        {
            return await work(() => { }).ConfigureAwait(false);
        }

        var result = default(T)!;
        await console.Err.Progress()
            .AutoClear(true)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Markup.Escape(description));
                task.IsIndeterminate = true;
                var done = 0;
                result = await work(() =>
                {
                    // The description is rebuilt every hundred steps: often enough to see, rarely enough to cost nothing.
                    if (++done % 100 == 0)
                    {
                        task.Description = Markup.Escape($"{description}: {Format.Count(done, "item")} read");
                    }
                }).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return result;
    }
}
