using System.CommandLine;

namespace Checkpoint.Cli.Commands;

/// <summary>Destructive commands ask first: on a terminal they prompt, elsewhere they need <c>--yes</c>.</summary>
internal static class Confirmation
{
    public static Option<bool> YesOption() => new("--yes", "-y") { Description = "Do it without asking (required when standard input is not a terminal)." };

    /// <summary>Returns normally when the user agreed; throws otherwise.</summary>
    /// <param name="app">The tool.</param>
    /// <param name="yes">Whether <c>--yes</c> was given.</param>
    /// <param name="what">What will happen, as a sentence without a final period.</param>
    /// <exception cref="CliException">The user declined, or nobody could be asked.</exception>
    public static void Require(CliApp app, bool yes, string what)
    {
        if (yes)
        {
            return;
        }

        if (!app.InputIsTerminal)
        {
            throw new CliException(ExitCodes.Usage, $"{what}; pass --yes to confirm.");
        }

        app.Console.Error.Write($"{what}. Continue? [y/N] ");
        app.Console.Error.Flush();
        var answer = app.Input.ReadLine()?.Trim();
        if (answer is not ("y" or "Y" or "yes" or "YES" or "Yes"))
        {
            throw new CliException(ExitCodes.Failure, "nothing was changed.");
        }
    }
}
