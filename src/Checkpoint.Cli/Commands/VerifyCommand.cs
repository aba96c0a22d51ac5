using System.CommandLine;
using Checkpoint.Cli.Inspection;
using Checkpoint.Cli.Output;
using Checkpoint.Cli.Transfer;
using Checkpoint.Cli.Verification;
using Spectre.Console;

namespace Checkpoint.Cli.Commands;

/// <summary><c>checkpoint verify</c>: reads everything and names each damage; exits 1 when there is any.</summary>
internal static class VerifyCommand
{
    public static Command Create(CliApp app)
    {
        var threads = new Argument<string[]>("thread") { Description = "Only these threads (default: every thread and the store).", Arity = ArgumentArity.ZeroOrMore };
        var json = CliApp.JsonOption();
        var command = new Command("verify", "Check that every checkpoint of every thread is readable: values and chunks present, values well-formed, parents present; and that every store item reads. Exits 1 naming each damage.")
        {
            threads, json,
        };
        app.SetAction(command, async context =>
        {
            await using var backend = await context.OpenSourceAsync();
            var damages = new List<Damage>();
            var verifier = new ThreadVerifier(backend.Saver);
            var named = context.Get(threads);
            var threadIds = await ThreadReader.SelectAsync(backend.Saver, named, context.CancellationToken);

            await ProgressReporter.RunAsync(context.Console, "verifying threads", threadIds.Count, async advance =>
            {
                foreach (var id in threadIds)
                {
                    await verifier.VerifyAsync(id, damages, context.CancellationToken);
                    advance();
                }
            });

            var items = 0;
            if (named.Length == 0)
            {
                items = await ProgressReporter.RunCountingAsync(context.Console, "verifying the store", advance =>
                    StoreVerifier.VerifyAsync(backend.Store, damages, advance, context.CancellationToken));
            }

            if (context.Get(json))
            {
                context.Console.WriteJsonArray(damages.Select(d => d.ToJson()));
            }
            else if (damages.Count > 0)
            {
                var table = new Table().Border(TableBorder.Simple).AddColumn("damage").AddColumn("where").AddColumn("what");
                foreach (var damage in damages)
                {
                    table.AddRow(damage.Kind, Markup.Escape(damage.Location), Markup.Escape(damage.Detail));
                }

                context.Console.Out.Write(table);
            }

            var checkedWhat = $"{Format.Count(threadIds.Count, "thread")}, {Format.Count(verifier.Checkpoints, "checkpoint")}, {Format.Count(verifier.Values, "value")}, {Format.Count(verifier.Writes, "pending write")}"
                + (named.Length == 0 ? $" and {Format.Count(items, "store item")}" : string.Empty);
            context.Console.Info(damages.Count == 0
                ? $"OK: {backend.Description}: checked {checkedWhat}; nothing is damaged."
                : $"DAMAGED: {backend.Description}: checked {checkedWhat}; found {Format.Count(damages.Count, "problem")}.");
            return damages.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
