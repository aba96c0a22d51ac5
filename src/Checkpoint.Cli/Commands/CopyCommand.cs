using System.CommandLine;
using System.Text.Json.Nodes;
using Checkpoint.Cli.Backends;
using Checkpoint.Cli.Inspection;
using Checkpoint.Cli.Output;
using Checkpoint.Cli.Transfer;
using Checkpoint.Providers;

namespace Checkpoint.Cli.Commands;

/// <summary>
/// <c>checkpoint copy --to-backend ... --to-connection ...</c>: threads (full history, pending writes, every namespace)
/// and store items (times, expiry, embeddings) to another database, set up if needed, verified by checksum.
/// </summary>
internal static class CopyCommand
{
    public static Command Create(CliApp app)
    {
        var target = new TargetOptions();
        var threads = new Option<string[]>("--thread") { Description = "Copy only this thread (repeatable); store items are then not copied unless --store is given.", HelpName = "id", Arity = ArgumentArity.OneOrMore };
        var withStore = new Option<bool>("--store") { Description = "With --thread: copy the store items too." };
        var noStore = new Option<bool>("--no-store") { Description = "Copy threads only, not store items." };
        var storeOnly = new Option<bool>("--store-only") { Description = "Copy store items only, not threads." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace threads and items that exist on the target with other content (default: leave them and report them)." };
        var json = CliApp.JsonOption();
        var command = new Command("copy", "Copy threads (with their whole history, pending writes and subgraph namespaces) and store items (with their times, TTLs and embeddings) to another database; the target is set up if needed and every thread is verified by checksum. Run it again to finish an interrupted copy.")
        {
            threads, withStore, noStore, storeOnly, overwrite, json,
        };
        target.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(storeOnly) && (result.GetValue(noStore) || result.GetValue(threads) is { Length: > 0 }))
            {
                result.AddError("--store-only cannot be combined with --no-store or --thread.");
            }
        });
        app.SetAction(command, async context =>
        {
            var sourceSpec = context.Source;
            var targetSpec = target.Resolve(context);
            if (sourceSpec == targetSpec)
            {
                throw new CliException(ExitCodes.Usage, "the source and the target are the same database.");
            }

            var selected = context.Get(threads) ?? [];
            var copyThreads = !context.Get(storeOnly);
            var copyStore = context.Get(storeOnly) || (selected.Length == 0 ? !context.Get(noStore) : context.Get(withStore));
            await using var source = await context.OpenSourceAsync();
            var threadIds = copyThreads ? await ThreadReader.SelectAsync(source.Saver, selected, context.CancellationToken) : [];

            OpenedBackend opened;
            try
            {
                opened = await TargetOptions.OpenAndSetUpAsync(targetSpec, context.CancellationToken);
            }
            catch (Exception e) when (e is not CliException)
            {
                throw new TargetException(targetSpec, e);
            }

            await using var destination = opened;
            var copier = new ThreadCopier(source.Saver, destination.Saver, context.Get(overwrite));
            var results = new List<ThreadResult>();
            await ProgressReporter.RunAsync(context.Console, "copying threads", threadIds.Count, async advance =>
            {
                foreach (var id in threadIds)
                {
                    results.Add(await copier.CopyAsync(id, context.CancellationToken));
                    advance();
                }
            });

            ItemResult? items = null;
            if (copyStore)
            {
                var writer = await ItemWriter.OpenAsync(destination.Store, context.Get(overwrite), context.CancellationToken);
                await foreach (var item in source.Store.ListRawItemsAsync(context.CancellationToken))
                {
                    await writer.AddAsync(item, context.CancellationToken);
                }

                items = await writer.CompleteAsync(context.CancellationToken);
            }

            return TransferReport.Print(context, "Copied", $"from {source.Description} to {destination.Description}", results, items, context.Get(json));
        });
        return command;
    }
}
