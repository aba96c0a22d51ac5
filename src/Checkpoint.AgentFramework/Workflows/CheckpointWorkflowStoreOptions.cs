namespace Checkpoint.AgentFramework;

/// <summary>Options of <see cref="CheckpointWorkflowStore"/>.</summary>
public sealed class CheckpointWorkflowStoreOptions
{
    /// <summary>The namespace used when none is configured.</summary>
    public const string DefaultCheckpointNamespace = "agent_framework";

    /// <summary>
    /// Gets or sets the checkpoint namespace that holds workflow checkpoints (default <c>agent_framework</c>), so they
    /// never mix with graph checkpoints saved on the same thread. The store also uses <c>{namespace}#index</c>.
    /// </summary>
    public string CheckpointNamespace { get; set; } = DefaultCheckpointNamespace;

    /// <summary>
    /// Gets or sets the time limit of one store operation; <see langword="null"/> (the default) relies on the backend's
    /// own timeouts. Agent Framework's checkpoint store contract passes no cancellation token, so this is the only way
    /// to bound a call that hangs.
    /// </summary>
    public TimeSpan? OperationTimeout { get; set; }
}
