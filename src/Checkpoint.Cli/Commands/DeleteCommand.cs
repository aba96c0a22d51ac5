using System.CommandLine;
using Checkpoint.Cli.Inspection;
using Checkpoint.Cli.Output;
using Checkpoint.Providers;

namespace Checkpoint.Cli.Commands;

/// <summary><c>checkpoint delete THREAD...</c>: removes threads with every checkpoint, value and write.</summary>
internal static class DeleteCommand
{
    public static Command Create(CliApp app)
    {
        var threads = new Argument<string[]>("thread") { Description = "The thread ids.", Arity = ArgumentArity.OneOrMore };
        var yes = Confirmation.YesOption();
        var command = new Command("delete", "Delete threads: every checkpoint, value and pending write, in every namespace.") { threads, yes };
        app.SetAction(command, async context =>
        {
            await using var backend = await context.OpenSourceAsync();
            var ids = context.Get(threads).Distinct(StringComparer.Ordinal).ToList();
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var id in ids)
            {
                counts[id] = await backend.Saver.ListRawAsync(new RunConfig(id, null), cancellationToken: context.CancellationToken).CountAsync(context.CancellationToken);
                if (counts[id] == 0)
                {
                    throw ThreadReader.NotFound(id);
                }
            }

            var total = counts.Values.Sum();
            Confirmation.Require(app, context.Get(yes), $"This deletes {Format.Count(ids.Count, "thread")} ({Format.Count(total, "checkpoint")}) from {backend.Description}");
            foreach (var id in ids)
            {
                await backend.Saver.DeleteThreadAsync(id, context.CancellationToken);
                context.Console.Info($"Deleted thread '{id}' ({Format.Count(counts[id], "checkpoint")}).");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
