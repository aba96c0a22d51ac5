namespace Checkpoint.AgentFramework;

/// <summary>When <see cref="CheckpointMemoryProvider"/> searches memories.</summary>
public enum MemorySearchBehavior
{
    /// <summary>Before every run, with the caller's messages as the query; the top memories become run instructions.</summary>
    BeforeRun,

    /// <summary>Only when the model calls the search function the provider adds to the run's tools.</summary>
    OnDemandFunction,
}
