using System.CommandLine;
using Checkpoint.Cli.Inspection;
using Checkpoint.Cli.Output;
using Spectre.Console;

namespace Checkpoint.Cli.Commands;

/// <summary><c>checkpoint threads</c>: every thread with its latest step, checkpoint count and size.</summary>
internal static class ThreadsCommand
{
    public static Command Create(CliApp app)
    {
        var limit = new Option<int?>("--limit") { Description = "Show at most this many threads (in id order).", HelpName = "n" };
        var after = new Option<string?>("--after") { Description = "Start after this thread id (for paging).", HelpName = "thread" };
        var json = CliApp.JsonOption();
        var command = new Command("threads", "List threads with their latest step, checkpoint and write counts, and stored bytes.") { limit, after, json };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 0)
            {
                r.AddError("--limit cannot be negative.");
            }
        });
        app.SetAction(command, async context =>
        {
            await using var backend = await context.OpenSourceAsync();
            var summaries = new List<ThreadSummary>();
            var max = context.Get(limit) ?? int.MaxValue;
            await foreach (var thread in ThreadReader.ThreadsAsync(backend.Saver, context.Get(after), context.CancellationToken))
            {
                if (summaries.Count >= max)
                {
                    break;
                }

                summaries.Add(await ThreadSummary.ReadAsync(backend.Saver, thread.ThreadId, context.CancellationToken));
            }

            if (context.Get(json))
            {
                context.Console.WriteJsonArray(summaries.Select(s => s.ToJson()));
                return ExitCodes.Success;
            }

            if (summaries.Count == 0)
            {
                context.Console.Info($"No threads in {backend.Description}.");
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Simple)
                .AddColumn("thread").AddColumn("latest checkpoint").AddColumn(new TableColumn("step").RightAligned()).AddColumn("source")
                .AddColumn("updated").AddColumn(new TableColumn("checkpoints").RightAligned()).AddColumn(new TableColumn("ns").RightAligned())
                .AddColumn(new TableColumn("writes").RightAligned()).AddColumn(new TableColumn("size").RightAligned());
            foreach (var s in summaries)
            {
                table.AddRow(
                    Markup.Escape(s.ThreadId),
                    Markup.Escape(s.Latest?.CheckpointId ?? string.Empty),
                    s.Latest?.Metadata.Step?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
                    Markup.Escape(s.Latest?.Metadata.Source ?? string.Empty),
                    Markup.Escape(s.Latest?.Checkpoint.Ts ?? string.Empty),
                    s.Checkpoints.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    s.Namespaces.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    s.Writes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Format.Bytes(s.Bytes));
            }

            context.Console.Out.Write(table);
            context.Console.Info($"{summaries.Count} thread{(summaries.Count == 1 ? string.Empty : "s")} in {backend.Description}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
