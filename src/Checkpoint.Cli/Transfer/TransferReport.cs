using System.Text.Json.Nodes;
using Checkpoint.Cli.Commands;
using Checkpoint.Cli.Output;

namespace Checkpoint.Cli.Transfer;

/// <summary>Prints the outcome of a copy or an import: what was written, what was already there, and every problem.</summary>
internal static class TransferReport
{
    /// <summary>Prints the report and returns the exit code: 1 when any thread or item conflicts or differs.</summary>
    /// <param name="context">The command's context.</param>
    /// <param name="verb">"Copied" or "Imported".</param>
    /// <param name="route">"from X to Y".</param>
    /// <param name="threads">The threads' outcomes.</param>
    /// <param name="items">The items' outcome, or <see langword="null"/> when items were not moved.</param>
    /// <param name="json">Whether to print JSON on standard output.</param>
    /// <returns>The exit code.</returns>
    public static int Print(CommandContext context, string verb, string route, IReadOnlyList<ThreadResult> threads, ItemResult? items, bool json)
    {
        var console = context.Console;
        if (json)
        {
            console.WriteJson(new JsonObject
            {
                ["threads"] = new JsonArray([.. threads.Select(t => (JsonNode)t.ToJson())]),
                ["items"] = items?.ToJson(),
            });
        }

        var written = threads.Where(t => t.Outcome == ThreadOutcome.Copied).ToList();
        var skipped = threads.Count(t => t.Outcome == ThreadOutcome.AlreadyThere);
        console.Info($"{verb} {Format.Count(written.Count, "thread")} ({Format.Count(written.Sum(t => t.Checkpoints), "checkpoint")}, "
            + $"{Format.Count(written.Sum(t => t.Writes), "pending write")}, {Format.Count(written.Sum(t => t.Values), "stored value")})"
            + (items is null ? string.Empty : $" and {Format.Count(items.Copied, "store item")}") + $" {route}.");
        if (skipped > 0 || items?.AlreadyThere > 0)
        {
            console.Info($"Already on the target, identical, left as they were: {Format.Count(skipped, "thread")}" + (items is null ? "." : $", {Format.Count(items.AlreadyThere, "item")}."));
        }

        var problems = threads.Select(t => t.Problem).OfType<string>().ToList();
        if (items is not null)
        {
            problems.AddRange(items.Conflicts.Select(i => $"item {i} exists on the target with other content; it was not written (pass --overwrite to replace it)."));
            problems.AddRange(items.Mismatches.Select(i => $"item {i} differs on the target after writing."));
        }

        foreach (var problem in problems)
        {
            console.Error.WriteLine($"error: {problem}");
        }

        if (problems.Count == 0)
        {
            console.Info($"Verified: every thread's checksum{(items is null ? string.Empty : " and every store item")} matches on the target.");
            return ExitCodes.Success;
        }

        console.Info($"{Format.Count(problems.Count, "problem")}: see above.");
        return ExitCodes.Failure;
    }
}
