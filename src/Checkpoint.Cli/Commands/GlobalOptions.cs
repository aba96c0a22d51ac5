using System.CommandLine;
using Checkpoint.Cli.Backends;

namespace Checkpoint.Cli.Commands;

/// <summary>
/// The options every command takes: which database (as the quickstart takes it: <c>--backend</c> and
/// <c>--connection</c>, or <c>CHECKPOINT_BACKEND</c> / <c>CHECKPOINT_CONNECTION</c>), and how much to say.
/// </summary>
internal sealed class GlobalOptions
{
    /// <summary>The database the quickstart uses by default: <c>quickstart.db</c> in the current directory.</summary>
    public const string DefaultSqliteFile = "quickstart.db";

    public Option<string?> Backend { get; } = new("--backend", "-b")
    {
        Description = $"Where the data is: {string.Join(", ", BackendSpec.Names)} (default: $CHECKPOINT_BACKEND, else sqlite).",
        Recursive = true,
        HelpName = "name",
    };

    public Option<string?> Connection { get; } = new("--connection", "-c")
    {
        Description = "The connection string (a file path for sqlite; default: $CHECKPOINT_CONNECTION, else quickstart.db for sqlite).",
        Recursive = true,
        HelpName = "string",
    };

    public Option<string?> Schema { get; } = new("--schema")
    {
        Description = "PostgreSQL schema holding the tables (default: $CHECKPOINT_SCHEMA, else public).",
        Recursive = true,
        HelpName = "name",
    };

    public Option<string?> Prefix { get; } = new("--prefix")
    {
        Description = "Redis key prefix before checkpoint: and store: (the quickstart uses quickstart:), or MongoDB collection prefix (default: $CHECKPOINT_PREFIX).",
        Recursive = true,
        HelpName = "prefix",
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Show details of errors (stack traces), never passwords.",
        Recursive = true,
    };

    /// <summary>Adds the options to the root command.</summary>
    /// <param name="root">The root command.</param>
    public void AddTo(RootCommand root)
    {
        root.Add(Backend);
        root.Add(Connection);
        root.Add(Schema);
        root.Add(Prefix);
        root.Add(Verbose);
    }

    /// <summary>Resolves the source database from the options and the environment.</summary>
    /// <param name="result">The parse result.</param>
    /// <returns>The database.</returns>
    /// <exception cref="CliException">The backend is unknown or needs a connection string.</exception>
    public BackendSpec Source(ParseResult result) => Resolve(
        "--backend",
        "--connection",
        result.GetValue(Backend) ?? Environment.GetEnvironmentVariable("CHECKPOINT_BACKEND"),
        result.GetValue(Connection) ?? Environment.GetEnvironmentVariable("CHECKPOINT_CONNECTION"),
        result.GetValue(Schema) ?? Environment.GetEnvironmentVariable("CHECKPOINT_SCHEMA"),
        result.GetValue(Prefix) ?? Environment.GetEnvironmentVariable("CHECKPOINT_PREFIX"),
        defaultToQuickstart: true);

    /// <summary>Resolves a database from explicit values (a copy's target, say).</summary>
    /// <param name="backendOption">The option naming the backend, for messages.</param>
    /// <param name="connectionOption">The option naming the connection, for messages.</param>
    /// <param name="backend">The backend, or <see langword="null"/>.</param>
    /// <param name="connection">The connection string, or <see langword="null"/>.</param>
    /// <param name="schema">The PostgreSQL schema, or <see langword="null"/>.</param>
    /// <param name="prefix">The key or collection prefix, or <see langword="null"/>.</param>
    /// <param name="defaultToQuickstart">Whether no backend means the quickstart's SQLite file.</param>
    /// <returns>The database.</returns>
    public static BackendSpec Resolve(string backendOption, string connectionOption, string? backend, string? connection, string? schema, string? prefix, bool defaultToQuickstart)
    {
        if (string.IsNullOrWhiteSpace(backend))
        {
            if (!defaultToQuickstart)
            {
                throw new CliException(ExitCodes.Usage, $"{backendOption} is required: one of {string.Join(", ", BackendSpec.Names)}.");
            }

            backend = "sqlite";
        }

        backend = backend.Trim().ToLowerInvariant();
        if (backend is "postgresql" or "pg")
        {
            backend = "postgres";
        }
        else if (backend is "mongodb")
        {
            backend = "mongo";
        }

        if (!BackendSpec.Names.Contains(backend))
        {
            throw new CliException(ExitCodes.Usage, $"unknown backend '{backend}'; choose one of: {string.Join(", ", BackendSpec.Names)}.");
        }

        if (string.IsNullOrWhiteSpace(connection))
        {
            if (backend != "sqlite" || !defaultToQuickstart)
            {
                throw new CliException(ExitCodes.Usage, $"{backendOption} {backend} needs {connectionOption}, e.g. {connectionOption} \"{BackendSpec.Examples[backend]}\".");
            }

            connection = DefaultSqliteFile;
        }

        if (schema is not null && backend != "postgres")
        {
            throw new CliException(ExitCodes.Usage, $"--schema applies to postgres only, not {backend}.");
        }

        if (prefix is not null && backend is not ("redis" or "mongo"))
        {
            throw new CliException(ExitCodes.Usage, $"--prefix applies to redis and mongo only, not {backend}.");
        }

        return new BackendSpec(backend, connection, schema, prefix);
    }
}
