using System.Text.Json;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace Checkpoint.AgentFramework;

/// <summary>Options of <see cref="CheckpointChatHistoryProvider"/>.</summary>
public sealed class CheckpointChatHistoryProviderOptions
{
    /// <summary>The namespace used when none is configured.</summary>
    public const string DefaultCheckpointNamespace = "chat_history";

    /// <summary>Gets or sets the checkpoint namespace of the conversation's turns (default <c>chat_history</c>).</summary>
    public string CheckpointNamespace { get; set; } = DefaultCheckpointNamespace;

    /// <summary>
    /// Gets or sets how many of the newest messages a conversation keeps; <see langword="null"/> (the default) keeps all.
    /// Older turns are deleted once none of their messages is among the newest <see cref="MaxMessages"/>, so storage
    /// may hold up to one turn more; retrieval never returns more than <see cref="MaxMessages"/>.
    /// </summary>
    public int? MaxMessages { get; set; }

    /// <summary>
    /// Gets or sets how many of the newest messages are given to the agent before a run; <see langword="null"/> (the
    /// default) gives all that are kept. Only the turns that hold them are read.
    /// </summary>
    public int? MaxMessagesToRetrieve { get; set; }

    /// <summary>
    /// Gets or sets how a session without state starts its conversation; the default starts a new conversation with a
    /// fresh id. Return a known id to attach a session to an existing conversation.
    /// </summary>
    public Func<AgentSession?, CheckpointChatHistoryState>? StateInitializer { get; set; }

    /// <summary>Gets or sets the key of the provider's state in the session's state bag; the provider's type name by default.</summary>
    public string? StateKey { get; set; }

    /// <summary>Gets or sets JSON options for the provider's state in the session; Agent Framework's defaults when <see langword="null"/>.</summary>
    public JsonSerializerOptions? StateJsonSerializerOptions { get; set; }

    /// <summary>Gets or sets a filter applied to stored messages before they are given to the agent.</summary>
    public Func<IEnumerable<ChatMessage>, IEnumerable<ChatMessage>>? ProvideOutputMessageFilter { get; set; }

    /// <summary>
    /// Gets or sets a filter choosing which request messages of a turn are stored; Agent Framework's default stores
    /// every request message except those that came from chat history.
    /// </summary>
    public Func<IEnumerable<ChatMessage>, IEnumerable<ChatMessage>>? StoreInputRequestMessageFilter { get; set; }

    /// <summary>Gets or sets a filter choosing which response messages of a turn are stored; all by default.</summary>
    public Func<IEnumerable<ChatMessage>, IEnumerable<ChatMessage>>? StoreInputResponseMessageFilter { get; set; }
}
