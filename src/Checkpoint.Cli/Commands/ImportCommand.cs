using System.CommandLine;
using Checkpoint.Cli.Output;
using Checkpoint.Cli.Transfer;
using Checkpoint.Providers;

namespace Checkpoint.Cli.Commands;

/// <summary>
/// <c>checkpoint import FILE</c>: writes an export file into the database named by <c>--backend</c> / <c>--connection</c>
/// (set up if needed), checks every thread against the checksum in the file, and can simply be run again after an
/// interruption.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CliApp app)
    {
        var file = new Argument<string>("file") { Description = "The export file." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace threads and items that exist in the database with other content (default: leave them and report them)." };
        var json = CliApp.JsonOption();
        var command = new Command("import", "Import an export file into the database (set up if needed); every thread is verified against the checksum in the file. Run it again to finish an interrupted import.")
        {
            file, overwrite, json,
        };
        app.SetAction(command, async context =>
        {
            var path = Path.GetFullPath(context.Get(file));
            if (!File.Exists(path))
            {
                throw new CliException(ExitCodes.Usage, $"{path} does not exist.");
            }

            var index = await ExportIndex.ReadAsync(path, context.CancellationToken);
            if (index.End is null)
            {
                throw new CliException(ExitCodes.Failure, $"{path} is incomplete (the export was interrupted): finish it with 'checkpoint export {context.Get(file)} --resume' on the source database first.");
            }

            await using var database = await TargetOptions.OpenAndSetUpAsync(context.Source, context.CancellationToken);
            var results = new List<ThreadResult>();
            await ProgressReporter.RunAsync(context.Console, "importing threads", index.Threads.Count, async advance =>
            {
                foreach (var section in index.Threads)
                {
                    results.Add(await ImportThreadAsync(path, section, database.Saver, context.Get(overwrite), context.CancellationToken));
                    advance();
                }
            });

            ItemResult? items = null;
            if (index.StoreStart is { } start && index.StoreEnd is { } end)
            {
                var writer = await ItemWriter.OpenAsync(database.Store, context.Get(overwrite), context.CancellationToken);
                await foreach (var line in JsonLinesReader.ReadAsync(path, start, null, context.CancellationToken))
                {
                    if (line.Record is { } record && ExportFormat.TypeOf(record) == "item")
                    {
                        await writer.AddAsync(ExportFormat.ParseItem(record), context.CancellationToken);
                    }
                    else if (line.Record is { } other && ExportFormat.TypeOf(other) == "store_end")
                    {
                        break;
                    }
                }

                items = await writer.CompleteAsync(context.CancellationToken);
                if (items.Sha256 != ExportFormat.Text(end, "sha256"))
                {
                    throw new CliException(ExitCodes.Failure, $"{path} is damaged: its store items do not match the checksum written with them.");
                }
            }

            return TransferReport.Print(context, "Imported", $"from {path} into {database.Description}", results, items, context.Get(json));
        });
        return command;
    }

    private static async Task<ThreadResult> ImportThreadAsync(string path, ExportIndex.ThreadSection section, BaseCheckpointSaver saver, bool overwrite, CancellationToken cancellationToken)
    {
        // First read checks the file against its own checksum, so a damaged file writes nothing.
        using var planned = await ExportReplay.ThreadAsync(path, section, null, cancellationToken);
        return await ThreadTransfer.WriteAsync(
            saver,
            section.ThreadId,
            overwrite,
            () => Task.FromResult(planned),
            () => ExportReplay.ThreadAsync(path, section, checkpoint => saver.PutRawAsync(checkpoint, cancellationToken), cancellationToken),
            cancellationToken);
    }
}
