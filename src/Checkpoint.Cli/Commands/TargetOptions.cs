using System.CommandLine;
using Checkpoint.Cli.Backends;

namespace Checkpoint.Cli.Commands;

/// <summary>The target database of a copy or an import: <c>--to-backend</c>, <c>--to-connection</c>, ... or <c>CHECKPOINT_TO_*</c>.</summary>
internal sealed class TargetOptions
{
    public Option<string?> Backend { get; } = new("--to-backend") { Description = $"Target backend: {string.Join(", ", BackendSpec.Names)} (default: $CHECKPOINT_TO_BACKEND).", HelpName = "name" };

    public Option<string?> Connection { get; } = new("--to-connection") { Description = "Target connection string (default: $CHECKPOINT_TO_CONNECTION).", HelpName = "string" };

    public Option<string?> Schema { get; } = new("--to-schema") { Description = "Target PostgreSQL schema (default: $CHECKPOINT_TO_SCHEMA, else public).", HelpName = "name" };

    public Option<string?> Prefix { get; } = new("--to-prefix") { Description = "Target Redis key prefix or MongoDB collection prefix (default: $CHECKPOINT_TO_PREFIX).", HelpName = "prefix" };

    public void AddTo(Command command)
    {
        command.Add(Backend);
        command.Add(Connection);
        command.Add(Schema);
        command.Add(Prefix);
    }

    /// <summary>Resolves the target; its secrets are hidden from output.</summary>
    /// <param name="context">The command's context.</param>
    /// <returns>The target database.</returns>
    public BackendSpec Resolve(CommandContext context)
    {
        var spec = GlobalOptions.Resolve(
            "--to-backend",
            "--to-connection",
            context.Get(Backend) ?? Environment.GetEnvironmentVariable("CHECKPOINT_TO_BACKEND"),
            context.Get(Connection) ?? Environment.GetEnvironmentVariable("CHECKPOINT_TO_CONNECTION"),
            context.Get(Schema) ?? Environment.GetEnvironmentVariable("CHECKPOINT_TO_SCHEMA"),
            context.Get(Prefix) ?? Environment.GetEnvironmentVariable("CHECKPOINT_TO_PREFIX"),
            defaultToQuickstart: false);
        context.Console.Hide(spec.Secrets());
        return spec;
    }

    /// <summary>Opens the target and sets it up (creating what is missing), as a copy needs.</summary>
    /// <param name="spec">The target.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The open target.</returns>
    public static async Task<OpenedBackend> OpenAndSetUpAsync(BackendSpec spec, CancellationToken cancellationToken)
    {
        var target = await BackendOpener.OpenAsync(spec, cancellationToken).ConfigureAwait(false);
        try
        {
            await target.Saver.SetupAsync(cancellationToken).ConfigureAwait(false);
            await target.Store.SetupAsync(cancellationToken).ConfigureAwait(false);
            return target;
        }
        catch
        {
            await target.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
