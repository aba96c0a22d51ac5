using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Checkpoint.Cli.Inspection;
using Checkpoint.Cli.Output;
using Checkpoint.Providers;
using Spectre.Console;

namespace Checkpoint.Cli.Commands;

/// <summary><c>checkpoint history THREAD</c>: a thread's checkpoints, newest first.</summary>
internal static class HistoryCommand
{
    public static Command Create(CliApp app)
    {
        var thread = new Argument<string>("thread") { Description = "The thread id." };
        var ns = new Option<string?>("--ns") { Description = "Only this namespace (\"\" for the root graph; default: every namespace).", HelpName = "namespace" };
        var limit = new Option<int?>("--limit") { Description = "Show at most this many checkpoints.", HelpName = "n" };
        var json = CliApp.JsonOption();
        var command = new Command("history", "List a thread's checkpoints, newest first: step, source, pending writes and the nodes that would run next.") { thread, ns, limit, json };
        app.SetAction(command, async context =>
        {
            await using var backend = await context.OpenSourceAsync();
            var threadId = context.Get(thread);
            await ThreadReader.RequireAsync(backend.Saver, threadId, context.CancellationToken);
            var options = new CheckpointListOptions { Limit = context.Get(limit) };
            var checkpoints = await backend.Saver.ListRawAsync(new RunConfig(threadId, context.Get(ns)), options, context.CancellationToken).ToListAsync(context.CancellationToken);
            if (context.Get(json))
            {
                context.Console.WriteJsonArray(checkpoints.Select(ToJson));
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Simple)
                .AddColumn("checkpoint").AddColumn("ns").AddColumn(new TableColumn("step").RightAligned()).AddColumn("source").AddColumn("time")
                .AddColumn(new TableColumn("writes").RightAligned()).AddColumn("next");
            foreach (var c in checkpoints)
            {
                table.AddRow(
                    Markup.Escape(c.CheckpointId),
                    Markup.Escape(Format.Namespace(c.CheckpointNs)),
                    c.Metadata.Step?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                    Markup.Escape(c.Metadata.Source ?? string.Empty),
                    Markup.Escape(c.Checkpoint.Ts),
                    c.Writes.Count.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(string.Join(", ", NextNodes.Of(c))));
            }

            context.Console.Out.Write(table);
            context.Console.Info($"{Format.Count(checkpoints.Count, "checkpoint")} of thread '{threadId}', newest first.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static JsonObject ToJson(RawCheckpoint c) => new()
    {
        ["thread_id"] = c.ThreadId,
        ["checkpoint_ns"] = c.CheckpointNs,
        ["checkpoint_id"] = c.CheckpointId,
        ["parent_checkpoint_id"] = c.ParentCheckpointId,
        ["step"] = c.Metadata.Step,
        ["source"] = c.Metadata.Source,
        ["ts"] = c.Checkpoint.Ts,
        ["writes"] = c.Writes.Count,
        ["next"] = new JsonArray([.. NextNodes.Of(c).Select(n => JsonValue.Create(n))]),
        ["metadata"] = c.Metadata.Values.DeepClone(),
    };
}
