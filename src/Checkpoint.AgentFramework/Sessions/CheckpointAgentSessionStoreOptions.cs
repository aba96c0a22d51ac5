using Microsoft.Agents.AI;

namespace Checkpoint.AgentFramework;

/// <summary>Options of <see cref="CheckpointAgentSessionStore"/>.</summary>
public sealed class CheckpointAgentSessionStoreOptions
{
    /// <summary>Gets or sets the namespace labels before the agent and partitions (default <c>agent_sessions</c>).</summary>
    public IReadOnlyList<string> NamespacePrefix { get; set; } = ["agent_sessions"];

    /// <summary>
    /// Gets or sets how long a saved session lives after its last save (or read, when the store refreshes on read);
    /// <see langword="null"/> (the default) uses the store's default time to live, which may be none.
    /// </summary>
    public TimeSpan? Ttl { get; set; }

    /// <summary>
    /// Gets or sets which identity isolates an agent's sessions; <see cref="AIAgent.Id"/> by default, as Agent Framework's
    /// in-memory store. Sessions must outlive the process, so give the agent a stable id (a
    /// <see cref="ChatClientAgent"/> gets a random one unless <see cref="ChatClientAgentOptions.Id"/> is set) or return
    /// another stable value here, e.g. <see cref="AIAgent.Name"/>.
    /// </summary>
    public Func<AIAgent, string>? AgentIdentity { get; set; }
}
