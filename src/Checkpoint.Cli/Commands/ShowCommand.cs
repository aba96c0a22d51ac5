using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Checkpoint.Cli.Inspection;
using Checkpoint.Cli.Output;
using Checkpoint.Providers;
using Microsoft.Extensions.AI;
using Spectre.Console;

namespace Checkpoint.Cli.Commands;

/// <summary><c>checkpoint show THREAD</c>: a checkpoint's state as a tree, messages pretty-printed.</summary>
internal static class ShowCommand
{
    private const int InlineJson = 100;
    private const int MaxJsonLines = 40;

    public static Command Create(CliApp app)
    {
        var thread = new Argument<string>("thread") { Description = "The thread id." };
        var checkpointId = new Option<string?>("--checkpoint") { Description = "The checkpoint id (default: the latest).", HelpName = "id" };
        var ns = new Option<string?>("--ns") { Description = "The namespace (default: \"\", the root graph; a subgraph's is like \"node:task-id\").", HelpName = "namespace" };
        var json = CliApp.JsonOption();
        var command = new Command("show", "Show a checkpoint: metadata, the nodes that run next, every channel value (messages pretty-printed) and pending writes.")
        {
            thread, checkpointId, ns, json,
        };
        app.SetAction(command, async context =>
        {
            await using var backend = await context.OpenSourceAsync();
            var checkpoint = await LoadAsync(backend.Saver, context.Get(thread), context.Get(ns) ?? string.Empty, context.Get(checkpointId), context.CancellationToken);
            if (context.Get(json))
            {
                context.Console.WriteJson(ToJson(checkpoint));
            }
            else
            {
                context.Console.Out.Write(ToTree(checkpoint));
                context.Console.Out.WriteLine();
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Reads one checkpoint, or fails with <see cref="ExitCodes.NotFound"/> naming what is missing.</summary>
    public static async Task<RawCheckpoint> LoadAsync(BaseCheckpointSaver saver, string threadId, string ns, string? checkpointId, CancellationToken cancellationToken)
    {
        var checkpoint = await saver.GetRawAsync(new RunConfig(threadId, ns, checkpointId), cancellationToken);
        if (checkpoint is not null)
        {
            return checkpoint;
        }

        await ThreadReader.RequireAsync(saver, threadId, cancellationToken);
        throw new CliException(
            ExitCodes.NotFound,
            checkpointId is null
                ? $"thread '{threadId}' has no checkpoint in namespace {Format.Namespace(ns)} (see 'checkpoint history {threadId}' for its namespaces)."
                : $"thread '{threadId}' has no checkpoint '{checkpointId}' in namespace {Format.Namespace(ns)}.");
    }

    private static JsonObject ToJson(RawCheckpoint c)
    {
        var values = new JsonObject();
        foreach (var channel in c.Channels.Order(StringComparer.Ordinal))
        {
            values[channel] = c.GetValue(channel) is { } value ? ValueRenderer.Render(value).ToJson() : null;
        }

        return new JsonObject
        {
            ["thread_id"] = c.ThreadId,
            ["checkpoint_ns"] = c.CheckpointNs,
            ["checkpoint_id"] = c.CheckpointId,
            ["parent_checkpoint_id"] = c.ParentCheckpointId,
            ["ts"] = c.Checkpoint.Ts,
            ["step"] = c.Metadata.Step,
            ["source"] = c.Metadata.Source,
            ["next"] = new JsonArray([.. NextNodes.Of(c).Select(n => JsonValue.Create(n))]),
            ["metadata"] = c.Metadata.Values.DeepClone(),
            ["channel_versions"] = new JsonObject(c.Channels.Order(StringComparer.Ordinal).Select(ch => KeyValuePair.Create(ch, (JsonNode?)c.Checkpoint.ChannelVersions[ch]))),
            ["values"] = values,
            ["pending_writes"] = new JsonArray([.. c.Writes.Select(w =>
            {
                var rendered = ValueRenderer.Render(w.Value).ToJson();
                rendered["task_id"] = w.TaskId;
                rendered["task_path"] = w.TaskPath;
                rendered["index"] = w.Index;
                rendered["channel"] = w.Channel;
                return (JsonNode)rendered;
            })]),
        };
    }

    private static Tree ToTree(RawCheckpoint c)
    {
        var tree = new Tree($"[bold]thread[/] {Markup.Escape(c.ThreadId)} · [bold]checkpoint[/] {Markup.Escape(c.CheckpointId)} · [bold]namespace[/] {Markup.Escape(Format.Namespace(c.CheckpointNs))}");
        tree.AddNode($"step {c.Metadata.Step?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} · {Markup.Escape(c.Metadata.Source ?? "?")} · {Markup.Escape(c.Checkpoint.Ts)}");
        tree.AddNode($"parent {Markup.Escape(c.ParentCheckpointId ?? "(none)")}");
        var next = NextNodes.Of(c);
        tree.AddNode($"next {Markup.Escape(next.Count == 0 ? "(nothing: the run is finished)" : string.Join(", ", next))}");
        tree.AddNode("metadata").AddNode(Markup.Escape(c.Metadata.ToJsonString()));

        var channels = c.Channels.Order(StringComparer.Ordinal).ToList();
        var values = tree.AddNode($"values ({Format.Count(channels.Count, "channel")})");
        foreach (var channel in channels)
        {
            var value = c.GetValue(channel);
            var node = values.AddNode($"[bold]{Markup.Escape(channel)}[/] [dim]v{Markup.Escape(c.Checkpoint.ChannelVersions[channel])}[/]: " + (value is null ? "[dim](no value)[/]" : Describe(value.Value)));
            if (value is not null)
            {
                AddDetail(node, ValueRenderer.Render(value.Value));
            }
        }

        var writes = tree.AddNode($"pending writes ({c.Writes.Count})");
        foreach (var write in c.Writes)
        {
            var rendered = ValueRenderer.Render(write.Value);
            var path = write.TaskPath.Length == 0 ? string.Empty : $" [dim]{Markup.Escape(write.TaskPath)}[/]";
            var node = writes.AddNode($"task {Markup.Escape(write.TaskId)}{path} #{write.Index} → [bold]{Markup.Escape(write.Channel)}[/]: {Describe(write.Value)}");
            AddDetail(node, rendered);
        }

        return tree;
    }

    private static string Describe(SerializedValue value)
    {
        var rendered = ValueRenderer.Render(value);
        var note = rendered.Note is null ? string.Empty : $" [dim]({Markup.Escape(rendered.Note)})[/]";
        return Markup.Escape(rendered.Summary) + note;
    }

    private static void AddDetail(TreeNode node, RenderedValue rendered)
    {
        if (rendered.Messages is { } messages)
        {
            foreach (var message in messages)
            {
                node.AddNode($"[bold]{Markup.Escape(RoleOf(message))}:[/] {Markup.Escape(ValueRenderer.TextOf(message))}");
            }
        }
        else if (rendered.Json is JsonObject or JsonArray && rendered.Json.ToJsonString().Length > InlineJson)
        {
            var lines = rendered.Json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).Split('\n');
            var shown = string.Join('\n', lines.Take(MaxJsonLines)) + (lines.Length > MaxJsonLines ? $"\n… ({lines.Length - MaxJsonLines} more lines; --json shows all)" : string.Empty);
            node.AddNode(Markup.Escape(shown));
        }
    }

    private static string RoleOf(ChatMessage message) =>
        message.Role == ChatRole.User ? "Human"
        : message.Role == ChatRole.Assistant ? "AI"
        : message.Role == ChatRole.System ? "System"
        : message.Role == ChatRole.Tool ? "Tool"
        : message.Role.Value;
}
