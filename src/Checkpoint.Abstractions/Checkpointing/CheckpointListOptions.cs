using System.Text.Json.Nodes;

namespace Checkpoint;

/// <summary>Options of <see cref="BaseCheckpointSaver.List(RunConfig?, CheckpointListOptions?)"/>.</summary>
public sealed class CheckpointListOptions
{
    /// <summary>
    /// Gets or sets a metadata filter: every key must be present at the top level of a checkpoint's metadata
    /// with a deeply equal JSON value (numbers compare by value, so <c>1</c> equals <c>1.0</c>).
    /// An empty filter matches everything.
    /// </summary>
    public IReadOnlyDictionary<string, JsonNode?>? Filter { get; set; }

    /// <summary>Gets or sets a config whose <see cref="RunConfig.CheckpointId"/> bounds the result: only older (ordinally smaller) ids are returned.</summary>
    public RunConfig? Before { get; set; }

    /// <summary>Gets or sets the maximum number of checkpoints to return; <see langword="null"/> for no limit.</summary>
    public int? Limit { get; set; }
}
