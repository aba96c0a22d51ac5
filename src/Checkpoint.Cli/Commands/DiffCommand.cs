using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Checkpoint.Cli.Inspection;
using Checkpoint.Cli.Output;
using Checkpoint.Providers;
using Spectre.Console;

namespace Checkpoint.Cli.Commands;

/// <summary><c>checkpoint diff THREAD A B</c>: which channels changed between two checkpoints.</summary>
internal static class DiffCommand
{
    public static Command Create(CliApp app)
    {
        var thread = new Argument<string>("thread") { Description = "The thread id." };
        var from = new Argument<string>("from") { Description = "The earlier checkpoint id." };
        var to = new Argument<string>("to") { Description = "The later checkpoint id." };
        var ns = new Option<string?>("--ns") { Description = "The namespace of both checkpoints (default: \"\", the root graph).", HelpName = "namespace" };
        var json = CliApp.JsonOption();
        var command = new Command("diff", "Show which channels were added, removed or changed between two checkpoints of a thread.") { thread, from, to, ns, json };
        app.SetAction(command, async context =>
        {
            await using var backend = await context.OpenSourceAsync();
            var threadId = context.Get(thread);
            var namespaceName = context.Get(ns) ?? string.Empty;
            var a = await ShowCommand.LoadAsync(backend.Saver, threadId, namespaceName, context.Get(from), context.CancellationToken);
            var b = await ShowCommand.LoadAsync(backend.Saver, threadId, namespaceName, context.Get(to), context.CancellationToken);
            var changes = Compare(a, b);
            if (context.Get(json))
            {
                context.Console.WriteJsonArray(changes.Select(c => c.ToJson()));
                return ExitCodes.Success;
            }

            if (changes.Count == 0)
            {
                context.Console.Info($"No channel differs between {a.CheckpointId} and {b.CheckpointId}.");
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumn("channel").AddColumn("change").AddColumn("from").AddColumn("to");
            foreach (var change in changes)
            {
                table.AddRow(Markup.Escape(change.Channel), change.Kind, Markup.Escape(change.FromSummary ?? string.Empty), Markup.Escape(change.ToSummary ?? string.Empty));
            }

            context.Console.Out.Write(table);
            context.Console.Info($"{Format.Count(changes.Count, "channel")} changed from step {a.Metadata.Step} to step {b.Metadata.Step}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static List<Change> Compare(RawCheckpoint a, RawCheckpoint b)
    {
        var changes = new List<Change>();
        foreach (var channel in a.Channels.Union(b.Channels).Order(StringComparer.Ordinal))
        {
            var before = a.GetValue(channel);
            var after = b.GetValue(channel);
            var kind = (before, after) switch
            {
                (null, null) => null,
                (null, _) => "added",
                (_, null) => "removed",
                _ when before.Value.Equals(after!.Value) => null,
                _ => "changed",
            };
            if (kind is not null)
            {
                changes.Add(new Change(
                    channel,
                    kind,
                    a.Checkpoint.ChannelVersions.GetValueOrDefault(channel),
                    b.Checkpoint.ChannelVersions.GetValueOrDefault(channel),
                    before is null ? null : ValueRenderer.Render(before.Value),
                    after is null ? null : ValueRenderer.Render(after.Value)));
            }
        }

        return changes;
    }

    private sealed record Change(string Channel, string Kind, string? FromVersion, string? ToVersion, RenderedValue? From, RenderedValue? To)
    {
        public string? FromSummary => Summarize(From);

        public string? ToSummary => Summarize(To) + (From is not null && To is not null && Length(From) is { } before && Length(To) is { } after
            ? string.Create(CultureInfo.InvariantCulture, $" ({after - before:+#;-#;0})")
            : string.Empty);

        public JsonObject ToJson() => new()
        {
            ["channel"] = Channel,
            ["change"] = Kind,
            ["from_version"] = FromVersion,
            ["to_version"] = ToVersion,
            ["from"] = From?.ToJson(),
            ["to"] = To?.ToJson(),
        };

        // Lists (a conversation) read best as their length: "4 messages" then "6 messages (+2)".
        private static string? Summarize(RenderedValue? value) => value is null
            ? null
            : value.Messages is not null ? value.Summary
            : Length(value) is { } count ? string.Create(CultureInfo.InvariantCulture, $"{count} items")
            : RenderedValue.Shorten(value.Summary, 60);

        private static int? Length(RenderedValue value) => value.Messages?.Count ?? (value.Json as JsonArray)?.Count;
    }
}
