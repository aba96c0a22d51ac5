using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace Checkpoint.AgentFramework;

/// <summary>A finished run, given to <see cref="CheckpointMemoryProviderOptions.Extractor"/> to pick what to remember.</summary>
/// <param name="Agent">The agent that ran.</param>
/// <param name="Session">The session, or <see langword="null"/>.</param>
/// <param name="RequestMessages">The run's request messages (after the provider's store-input filter: by default only those from the caller).</param>
/// <param name="ResponseMessages">The run's response messages.</param>
/// <param name="Scope">Where the memories will be stored.</param>
public sealed record MemoryExtractionContext(
    AIAgent Agent,
    AgentSession? Session,
    IReadOnlyList<ChatMessage> RequestMessages,
    IReadOnlyList<ChatMessage> ResponseMessages,
    MemoryScope Scope);
