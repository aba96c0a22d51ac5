using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Checkpoint.Cli.Inspection;
using Checkpoint.Cli.Output;
using Checkpoint.Providers;
using Spectre.Console;

namespace Checkpoint.Cli.Commands;

/// <summary>
/// <c>checkpoint prune</c>: removes old checkpoints with the saver's prune strategies. A dry run by default: it shows what
/// would go, and changes nothing until <c>--apply</c>.
/// </summary>
internal static class PruneCommand
{
    public static Command Create(CliApp app)
    {
        var threads = new Argument<string[]>("thread") { Description = "The threads to prune (or --all-threads).", Arity = ArgumentArity.ZeroOrMore };
        var allThreads = new Option<bool>("--all-threads") { Description = "Prune every thread." };
        var keepLast = new Option<int?>("--keep-last") { Description = "Keep the newest N checkpoints of each thread and namespace.", HelpName = "n" };
        var keepLatest = new Option<bool>("--keep-latest") { Description = "Keep only the newest checkpoint of each thread and namespace." };
        var olderThan = new Option<string?>("--older-than") { Description = "Remove checkpoints older than an age (90m, 12h, 30d, 2w) or a date; the newest of each namespace always stays.", HelpName = "age" };
        var apply = new Option<bool>("--apply") { Description = "Prune for real (without it, only show what would be removed)." };
        var json = CliApp.JsonOption();
        var command = new Command("prune", "Remove old checkpoints (with their writes and the values nothing else uses). Shows what would go unless --apply is given.")
        {
            threads, allThreads, keepLast, keepLatest, olderThan, apply, json,
        };
        command.Validators.Add(result =>
        {
            var strategies = (result.GetValue(keepLast) is null ? 0 : 1) + (result.GetValue(keepLatest) ? 1 : 0) + (result.GetValue(olderThan) is null ? 0 : 1);
            if (strategies != 1)
            {
                result.AddError("Choose one of --keep-last N, --keep-latest or --older-than AGE.");
            }

            if (result.GetValue(keepLast) is < 1)
            {
                result.AddError("--keep-last must be at least 1 (use 'checkpoint delete' to remove a thread).");
            }

            var named = result.GetValue(threads) is { Length: > 0 };
            if (named == result.GetValue(allThreads))
            {
                result.AddError(named ? "Name threads or pass --all-threads, not both." : "Name the threads to prune, or pass --all-threads.");
            }

            if (result.GetValue(olderThan) is { } age && !AgeParser.TryParse(age, DateTimeOffset.UtcNow, out _))
            {
                result.AddError($"--older-than '{age}' is neither an age (90m, 12h, 30d, 2w) nor a date.");
            }
        });
        app.SetAction(command, async context =>
        {
            var (strategy, plan) = Strategy(context.Get(keepLast), context.Get(keepLatest), context.Get(olderThan));
            await using var backend = await context.OpenSourceAsync();

            // The validator allows threads or --all-threads, never both: no threads named means all of them.
            var ids = await ThreadReader.SelectAsync(backend.Saver, context.Get(threads) ?? [], context.CancellationToken);

            var rows = new List<(string Thread, int Checkpoints, int Remove)>();
            foreach (var id in ids)
            {
                var checkpoints = await backend.Saver.ListRawAsync(new RunConfig(id, null), cancellationToken: context.CancellationToken).ToListAsync(context.CancellationToken);
                rows.Add((id, checkpoints.Count, checkpoints.GroupBy(c => c.CheckpointNs).Sum(ns => plan(ns.ToList()))));
            }

            var removing = rows.Sum(r => r.Remove);
            var applied = context.Get(apply);
            if (applied && removing > 0)
            {
                await backend.Saver.PruneAsync(rows.Where(r => r.Remove > 0).Select(r => r.Thread), strategy, context.CancellationToken);
            }

            if (context.Get(json))
            {
                context.Console.WriteJsonArray(rows.Select(r => (JsonNode)new JsonObject
                {
                    ["thread_id"] = r.Thread,
                    ["checkpoints"] = r.Checkpoints,
                    ["remove"] = r.Remove,
                    ["keep"] = r.Checkpoints - r.Remove,
                    ["applied"] = applied,
                }));
            }
            else
            {
                var table = new Table().Border(TableBorder.Simple).AddColumn("thread").AddColumn(new TableColumn("checkpoints").RightAligned())
                    .AddColumn(new TableColumn(applied ? "removed" : "would remove").RightAligned()).AddColumn(new TableColumn("keep").RightAligned());
                foreach (var r in rows.Where(r => r.Remove > 0))
                {
                    table.AddRow(Markup.Escape(r.Thread), Number(r.Checkpoints), Number(r.Remove), Number(r.Checkpoints - r.Remove));
                }

                if (removing > 0)
                {
                    context.Console.Out.Write(table);
                }
            }

            var threadsAffected = rows.Count(r => r.Remove > 0);
            context.Console.Info(applied
                ? $"Removed {Format.Count(removing, "checkpoint")} from {Format.Count(threadsAffected, "thread")} ({Format.Count(ids.Count, "thread")} checked)."
                : $"Dry run: would remove {Format.Count(removing, "checkpoint")} from {Format.Count(threadsAffected, "thread")} ({Format.Count(ids.Count, "thread")} checked); nothing was changed. Run again with --apply to prune.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The saver's strategy, and the same rule applied to one namespace's checkpoints (newest first) for the dry run.</summary>
    private static (PruneStrategy Strategy, Func<List<RawCheckpoint>, int> Plan) Strategy(int? keepLast, bool keepLatest, string? olderThan)
    {
        if (olderThan is not null)
        {
            AgeParser.TryParse(olderThan, DateTimeOffset.UtcNow, out var cutoff);
            return (PruneStrategy.OlderThan(cutoff), checkpoints => checkpoints.Skip(1).Count(c => c.Checkpoint.TryGetTimestamp() is { } ts && ts < cutoff));
        }

        var keep = keepLatest ? 1 : keepLast!.Value;
        return (keepLatest ? PruneStrategy.KeepLatest : PruneStrategy.KeepLast(keep), checkpoints => Math.Max(0, checkpoints.Count - keep));
    }
}
