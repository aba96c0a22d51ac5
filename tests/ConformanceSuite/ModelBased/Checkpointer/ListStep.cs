using System.Text.Json.Nodes;

namespace Checkpoint.ConformanceSuite;

/// <summary>Lists checkpoints of one thread, or of every thread of the replay (through a metadata filter on its token).</summary>
/// <param name="Thread">The symbolic thread, or <see langword="null"/> for every thread.</param>
/// <param name="CheckpointNs">The namespace, or <see langword="null"/> for every namespace.</param>
/// <param name="Checkpoint">Only this checkpoint, or <see langword="null"/>.</param>
/// <param name="Before">Only checkpoints before this one, or <see langword="null"/>.</param>
/// <param name="Limit">The limit, or <see langword="null"/>.</param>
/// <param name="Filter">The metadata filter template, or <see langword="null"/>.</param>
public sealed record ListStep(int? Thread, string? CheckpointNs, CheckpointRef? Checkpoint, CheckpointRef? Before, int? Limit, JsonObject? Filter) : CheckpointerStep
{
    /// <inheritdoc />
    public override async Task<string> ApplyAsync(SaverApi saver, CheckpointerRun run)
    {
        ArgumentNullException.ThrowIfNull(saver);
        ArgumentNullException.ThrowIfNull(run);
        var config = new RunConfig(Thread is { } t ? run.Thread(t) : null, CheckpointNs, Checkpoint?.Id);
        var options = new CheckpointListOptions
        {
            Before = Before is null ? null : new RunConfig(null, null, Before.Id),
            Limit = Limit,
            Filter = Filter is null ? null : run.Resolve(Filter).ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal),
        };
        var tuples = await saver.ListAsync(config, options).ConfigureAwait(false);
        return CheckpointerModel.Render(tuples);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"list {(Thread is { } t ? $"t{t}" : "all-threads")} {Ns(CheckpointNs)} id={Checkpoint?.ToString() ?? "any"} before={Before?.ToString() ?? "none"} " +
        $"limit={Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} filter={(Filter is null ? "none" : ModelCanonical.Json(Filter))}";
}
