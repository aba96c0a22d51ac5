namespace Quickstart;

/// <summary>The quickstart's command line.</summary>
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

    /// <summary>Gets the backend used when <c>--backend</c> is absent.</summary>
    public static string DefaultBackend => Backends.IsAvailable("sqlite") ? "sqlite" : "memory";

    /// <summary>The usage text.</summary>
    public static string Usage => $"""
        Usage: dotnet run --project samples/Quickstart -- [options] [chat [--thread ID] [--user ID]]

        Without a command, runs two scenarios end to end: short-term memory on a thread, then long-term
        memory shared by a user's threads. Run it twice to see memory survive a restart.

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
          chat                 talk to the agent: one message per line on stdin, until end of input or "exit"
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
        options = new QuickstartOptions(DefaultBackend, null, false, "1", "1", false);
        error = string.Empty;
        string? thread = null, user = null;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = Split(args[i]);
            switch (name)
            {
                case "-h" or "--help" or "-?":
                    options = options with { Help = true };
                    break;
                case "chat" when inline is null:
                    options = options with { Chat = true };
                    break;
                case "--backend" or "--connection" or "--thread" or "--user":
                    var value = inline ?? (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null);
                    if (string.IsNullOrEmpty(value))
                    {
                        error = $"{name} needs a value.";
                        return false;
                    }

                    if (name == "--backend" && !BackendNames.Contains(value))
                    {
                        error = $"Unknown backend '{value}'; choose one of: {string.Join(", ", BackendNames)}.";
                        return false;
                    }

                    options = name switch
                    {
                        "--backend" => options with { Backend = value },
                        "--connection" => options with { Connection = value },
                        _ => options,
                    };
                    thread = name == "--thread" ? value : thread;
                    user = name == "--user" ? value : user;
                    break;
                default:
                    error = $"Unknown argument '{args[i]}'.";
                    return false;
            }
        }

        if (!options.Chat && (thread ?? user) is not null)
        {
            error = "--thread and --user belong to the chat command: chat --thread ID --user ID.";
            return false;
        }

        options = options with { Thread = thread ?? "1", User = user ?? "1" };
        return true;
    }

    private static (string Name, string? Inline) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }
}
