using System.CommandLine;
using Checkpoint.Cli.Commands;
using Checkpoint.Cli.Output;

namespace Checkpoint.Cli;

/// <summary>The <c>checkpoint</c> command line: its commands, their options, and one way of reporting errors.</summary>
internal sealed class CliApp
{
    private readonly RootCommand _root;

    /// <summary>Initializes the tool over the given streams.</summary>
    /// <param name="console">Where output goes.</param>
    /// <param name="input">Where confirmations are read (only when standard input is a terminal).</param>
    /// <param name="inputIsTerminal">Whether <paramref name="input"/> is a terminal.</param>
    public CliApp(CliConsole console, TextReader input, bool inputIsTerminal)
    {
        Console = console;
        Input = input;
        InputIsTerminal = inputIsTerminal;
        _root = new RootCommand("Inspect, verify, migrate and move the threads and memories of Checkpoint databases (SQLite, PostgreSQL, Redis, MongoDB).");
        Globals.AddTo(_root);
        _root.Add(ThreadsCommand.Create(this));
        _root.Add(HistoryCommand.Create(this));
        _root.Add(ShowCommand.Create(this));
        _root.Add(DiffCommand.Create(this));
        _root.Add(VerifyCommand.Create(this));
        _root.Add(SetupCommand.Create(this));
        _root.Add(MigrateCommand.Create(this));
        _root.Add(PruneCommand.Create(this));
        _root.Add(DeleteCommand.Create(this));
        _root.Add(CopyCommand.Create(this));
        _root.Add(ExportCommand.Create(this));
        _root.Add(ImportCommand.Create(this));
    }

    /// <summary>Gets the options every command takes.</summary>
    public GlobalOptions Globals { get; } = new();

    /// <summary>Gets the console.</summary>
    public CliConsole Console { get; }

    /// <summary>Gets standard input.</summary>
    public TextReader Input { get; }

    /// <summary>Gets whether standard input is a terminal (so the tool may ask for confirmation).</summary>
    public bool InputIsTerminal { get; }

    /// <summary>Creates a <c>--json</c> option for a listing command.</summary>
    /// <returns>The option.</returns>
    public static Option<bool> JsonOption() => new("--json") { Description = "Print the result as JSON on standard output (one array for listings)." };

    /// <summary>Sets a command's action: it runs with a <see cref="CommandContext"/>, and any exception becomes one line and an exit code.</summary>
    /// <param name="command">The command.</param>
    /// <param name="action">What it does; returns the exit code.</param>
    public void SetAction(Command command, Func<CommandContext, Task<int>> action) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = new CommandContext(parseResult, Globals, Console, cancellationToken);
            try
            {
                return await action(context).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                return Report(e, context);
            }
            finally
            {
                Console.Flush();
            }
        });

    /// <summary>Parses and runs a command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Cancelled by Ctrl+C.</param>
    /// <returns>The exit code.</returns>
    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var result = _root.Parse(args);
        if (result.Errors.Count > 0 && result.Action is not System.CommandLine.Help.HelpAction)
        {
            var command = result.CommandResult.Command;
            var name = command == _root ? "checkpoint" : $"checkpoint {command.Name}";
            Console.Error.WriteLine($"error: {result.Errors[0].Message}");
            Console.Error.WriteLine($"Run '{name} --help' for usage.");
            Console.Flush();
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration { Output = Console.Output, Error = Console.Error, EnableDefaultExceptionHandler = false };
        var code = await result.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        Console.Flush();
        return code;
    }

    private int Report(Exception exception, CommandContext context)
    {
        Backends.BackendSpec? source = null;
        try
        {
            source = context.Source;
        }
        catch (CliException)
        {
            // The source itself is what is wrong; the exception says so.
        }

        var (code, message) = ErrorReporter.Describe(exception, source);
        Console.Error.WriteLine($"error: {message}");
        if (context.Get(Globals.Verbose))
        {
            Console.Error.WriteLine(exception.ToString());
        }
        else if (message.EndsWith($"({exception.GetType().Name})", StringComparison.Ordinal))
        {
            // Only an unexpected exception (the fallback line names its type) has more to show than its message.
            Console.Error.WriteLine("(run with --verbose for details)");
        }

        return code;
    }
}
