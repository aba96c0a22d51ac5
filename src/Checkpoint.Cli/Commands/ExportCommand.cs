using System.CommandLine;
using Checkpoint.Cli.Inspection;
using Checkpoint.Cli.Output;
using Checkpoint.Cli.Transfer;
using Checkpoint.Providers;

namespace Checkpoint.Cli.Commands;

/// <summary>
/// <c>checkpoint export FILE</c>: threads and store items to a portable JSON-lines file, streamed (a large database never
/// has to fit in memory), resumable after an interruption, and verified at the end.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliApp app)
    {
        var file = new Argument<string>("file") { Description = "The export file (JSON lines)." };
        var threads = new Option<string[]>("--thread") { Description = "Export only this thread (repeatable); store items are then not exported unless --store is given.", HelpName = "id", Arity = ArgumentArity.OneOrMore };
        var withStore = new Option<bool>("--store") { Description = "With --thread: export the store items too." };
        var noStore = new Option<bool>("--no-store") { Description = "Export threads only, not store items." };
        var resume = new Option<bool>("--resume") { Description = "Finish an interrupted export of the same database into FILE (the threads and store choice recorded in it)." };
        var force = new Option<bool>("--force") { Description = "Replace FILE if it exists." };
        var command = new Command("export", "Export threads (full history, pending writes, namespaces) and store items to a JSON-lines file, streamed and verified by checksum; --resume finishes an interrupted export.")
        {
            file, threads, withStore, noStore, resume, force,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(resume) && (result.GetValue(force) || result.GetValue(threads) is { Length: > 0 } || result.GetValue(noStore) || result.GetValue(withStore)))
            {
                result.AddError("--resume continues the export recorded in the file: it takes no --force, --thread, --store or --no-store.");
            }
        });
        app.SetAction(command, async context =>
        {
            var path = Path.GetFullPath(context.Get(file));
            await using var source = await context.OpenSourceAsync();
            ExportWriter writer;
            ExportIndex? done = null;
            IReadOnlyList<string>? selection;
            bool includeStore;
            if (context.Get(resume))
            {
                if (!File.Exists(path))
                {
                    throw new CliException(ExitCodes.Usage, $"{path} does not exist: there is no export to resume.");
                }

                done = await ExportIndex.ReadAsync(path, context.CancellationToken);
                if (done.End is not null)
                {
                    context.Console.Info($"{path} is already complete ({Format.Count(done.Threads.Count, "thread")}); nothing to do.");
                    return ExitCodes.Success;
                }

                selection = done.SelectedThreads;
                includeStore = done.IncludesStore;
                writer = ExportWriter.Continue(path, done.ResumeOffset);
                context.Console.Info($"Resuming {path}: {Format.Count(done.Threads.Count, "thread")} already exported.");
            }
            else
            {
                if (File.Exists(path) && !context.Get(force))
                {
                    throw new CliException(ExitCodes.Usage, $"{path} exists: pass --resume to finish an interrupted export into it, or --force to replace it.");
                }

                var named = context.Get(threads) ?? [];
                selection = named.Length == 0 ? null : await ThreadReader.SelectAsync(source.Saver, named, context.CancellationToken);
                includeStore = selection is null ? !context.Get(noStore) : context.Get(withStore);
                writer = await ExportWriter.CreateAsync(path, ExportFormat.Header(source.Description, selection, includeStore), context.CancellationToken);
            }

            await using (writer)
            {
                var exported = done?.Threads.Select(t => t.ThreadId).ToHashSet(StringComparer.Ordinal) ?? [];
                var pendingThreads = new List<string>();
                if (selection is not null)
                {
                    pendingThreads.AddRange(selection.Where(t => !exported.Contains(t)));
                }
                else
                {
                    // Threads are exported in id order, so the exported ones are a prefix: continue after the last.
                    await foreach (var thread in ThreadReader.ThreadsAsync(source.Saver, done?.Threads.LastOrDefault()?.ThreadId, context.CancellationToken))
                    {
                        pendingThreads.Add(thread.ThreadId);
                    }
                }

                var checkpoints = 0;
                await ProgressReporter.RunAsync(context.Console, "exporting threads", pendingThreads.Count, async advance =>
                {
                    foreach (var threadId in pendingThreads)
                    {
                        checkpoints += await ExportThreadAsync(source.Saver, threadId, writer, context.CancellationToken);
                        advance();
                    }
                });

                var items = 0;
                if (includeStore && done?.StoreDone != true)
                {
                    var hashes = new Dictionary<(string Path, string Key), string>();
                    await foreach (var item in source.Store.ListRawItemsAsync(context.CancellationToken))
                    {
                        await writer.WriteAsync(ExportFormat.Item(item), context.CancellationToken);
                        hashes[ItemHash.KeyOf(item)] = ItemHash.Of(item);
                    }

                    items = hashes.Count;
                    await writer.WriteAsync(ExportFormat.StoreEnd(items, ItemHash.OfStore(hashes)), context.CancellationToken);
                    await writer.CommitAsync(context.CancellationToken);
                }

                var threadCount = exported.Count + pendingThreads.Count;
                await writer.WriteAsync(ExportFormat.End(threadCount, items + (done?.StoreEnd?["items"]?.GetValue<int>() ?? 0)), context.CancellationToken);
                await writer.CommitAsync(context.CancellationToken);
                context.Console.Info($"Exported {Format.Count(pendingThreads.Count, "thread")} ({Format.Count(checkpoints, "checkpoint")})"
                    + (includeStore ? $" and {Format.Count(items, "store item")}" : string.Empty) + $" from {source.Description} to {path} ({Format.Bytes(writer.Length)}).");
            }

            // Read the file back: every thread must match the checksum computed while reading the database.
            var index = await ExportIndex.ReadAsync(path, context.CancellationToken);
            foreach (var section in index.Threads)
            {
                using var digest = await ExportReplay.ThreadAsync(path, section, null, context.CancellationToken);
            }

            context.Console.Info($"Verified: {path} holds {Format.Count(index.Threads.Count, "thread")}, each matching its checksum.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> ExportThreadAsync(BaseCheckpointSaver saver, string threadId, ExportWriter writer, CancellationToken cancellationToken)
    {
        await writer.WriteAsync(ExportFormat.Thread(threadId), cancellationToken);
        using var digest = await ThreadTransfer.StreamAsync(saver, threadId, async (checkpoint, fresh) =>
        {
            foreach (var blob in fresh)
            {
                await writer.WriteAsync(ExportFormat.Blob(checkpoint.CheckpointNs, blob), cancellationToken);
            }

            await writer.WriteAsync(ExportFormat.Checkpoint(checkpoint), cancellationToken);
        }, cancellationToken);
        await writer.WriteAsync(ExportFormat.ThreadEnd(threadId, digest), cancellationToken);
        await writer.CommitAsync(cancellationToken);
        return digest.Checkpoints;
    }
}
