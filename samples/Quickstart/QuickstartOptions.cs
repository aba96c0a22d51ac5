using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;

namespace Quickstart;

/// <summary>The quickstart's command line, parsed with System.CommandLine.</summary>
/// <param name="Backend">Where checkpoints and memories live.</param>
/// <param name="Connection">The connection string, or <see langword="null"/> for the backend's default.</param>
/// <param name="Chat">Whether to run the interactive chat instead of the scenarios.</param>
/// <param name="Thread">The chat's thread id.</param>
/// <param name="User">The chat's user id.</param>
/// <param name="Help">Whether help was asked for.</param>
public sealed record QuickstartOptions(string Backend, string? Connection, bool Chat, string Thread, string User, bool Help)
{
    /// <summary>The backends <c>--backend</c> accepts.</summary>
    public static IReadOnlyList<string> BackendNames { get; } = ["memory", "sqlite", "postgres", "redis", "mongo"];

    private static readonly Option<string> BackendOption = new("--backend")
    {
        Description = "Where checkpoints and memories live.",
        DefaultValueFactory = _ => DefaultBackend,
        Recursive = true,
    };

    private static readonly Option<string?> ConnectionOption = new("--connection") { Description = "The backend's connection string.", Recursive = true };

    private static readonly Option<string> ThreadOption = new("--thread") { Description = "The conversation to continue.", DefaultValueFactory = _ => "1" };

    private static readonly Option<string> UserOption = new("--user") { Description = "Whose long-term memories to use.", DefaultValueFactory = _ => "1" };

    private static readonly Command ChatCommand = new("chat", "Talk to the agent: one message per line on stdin.") { ThreadOption, UserOption };

    private static readonly RootCommand Root = CreateRoot();

    /// <summary>Gets the backend used when <c>--backend</c> is absent.</summary>
    public static string DefaultBackend => Backends.IsAvailable("sqlite") ? "sqlite" : "memory";

    /// <summary>The usage text.</summary>
    public static string Usage => $"""
        Usage: dotnet run --project samples/Quickstart -- [options] [chat [--thread ID] [--user ID]]

        Without a command, runs three scenarios end to end: short-term memory on a thread, long-term memory
        shared by a user's threads, and a tool call that waits for a human's approval (answered by a script).
        Run it twice to see memory survive a restart.

        Options:
          --backend NAME       where checkpoints and memories live: {string.Join(", ", BackendNames)}
                               (default: {DefaultBackend}{(DefaultBackend == "sqlite" ? ", the file quickstart.db in the current directory" : string.Empty)})
          --connection STRING  the backend's connection string; required for postgres, redis and mongo:
                               sqlite    Data Source=my.db
                               postgres  Host=localhost;Username=postgres;Database=quickstart
                               redis     localhost:6379
                               mongo     mongodb://localhost:27017/quickstart (names the database)
          -h, --help           show this help

        Commands:
          chat                 talk to the agent: one message per line on stdin, until end of input or "exit";
                               "send an email to alice saying hi" makes it ask you to approve the tool call
            --thread ID        the conversation to continue (default: 1)
            --user ID          whose long-term memories to use (default: 1)
        """;

    /// <summary>Parses the command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="options">The options, when valid.</param>
    /// <param name="error">What is wrong, when not.</param>
    /// <returns>Whether the arguments are valid.</returns>
    public static bool TryParse(IReadOnlyList<string> args, out QuickstartOptions options, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var result = Root.Parse(args);
        options = new QuickstartOptions(DefaultBackend, null, false, "1", "1", result.Action is HelpAction);
        error = string.Join(" ", result.Errors.Select(e => e.Message));
        if (options.Help || result.Errors.Count > 0)
        {
            return options.Help;
        }

        var chat = result.CommandResult.Command == ChatCommand;
        options = options with
        {
            Backend = result.GetValue(BackendOption)!,
            Connection = result.GetValue(ConnectionOption),
            Chat = chat,
            Thread = chat ? result.GetValue(ThreadOption)! : "1",
            User = chat ? result.GetValue(UserOption)! : "1",
        };
        return true;
    }

    private static RootCommand CreateRoot()
    {
        BackendOption.AcceptOnlyFromAmong([.. BackendNames]);
        foreach (var option in new Option[] { ConnectionOption, ThreadOption, UserOption })
        {
            option.Validators.Add(RequireValue);
        }

        // Both the root (the scenarios) and chat run; the app runs them itself, System.CommandLine only parses.
        var root = new RootCommand("The Checkpoint quickstart: LangGraph's persistence guide on a durable backend.") { BackendOption, ConnectionOption, ChatCommand };
        root.SetAction(_ => 0);
        ChatCommand.SetAction(_ => 0);
        return root;
    }

    private static void RequireValue(OptionResult result)
    {
        if (result.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value)))
        {
            result.AddError($"{result.Option.Name} needs a value.");
        }
    }
}
