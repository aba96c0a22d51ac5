using System.CommandLine;

namespace Checkpoint.Cli.Commands;

/// <summary><c>checkpoint setup</c>: creates or upgrades the checkpointer's and the store's schema.</summary>
internal static class SetupCommand
{
    public static Command Create(CliApp app)
    {
        var command = new Command("setup", "Create the tables (or keys, or collections) and apply pending migrations; safe to run again and from several processes at once.");
        app.SetAction(command, async context =>
        {
            await using var backend = await context.OpenSourceAsync();
            await backend.Saver.SetupAsync(context.CancellationToken);
            await backend.Store.SetupAsync(context.CancellationToken);
            context.Console.Info($"{backend.Description}: the checkpointer and store schemas are current.");
            return ExitCodes.Success;
        });
        return command;
    }
}
