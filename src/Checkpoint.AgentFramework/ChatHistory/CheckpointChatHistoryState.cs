using System.Text.Json.Serialization;

namespace Checkpoint.AgentFramework;

/// <summary>What <see cref="CheckpointChatHistoryProvider"/> keeps in an agent session: which conversation it continues.</summary>
public sealed class CheckpointChatHistoryState
{
    /// <summary>Initializes the state.</summary>
    /// <param name="conversationId">The conversation, which is the saver's thread id.</param>
    /// <exception cref="ArgumentException"><paramref name="conversationId"/> is empty or contains a NUL character.</exception>
    [JsonConstructor]
    public CheckpointChatHistoryState(string conversationId)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        if (conversationId.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A conversation id must not contain a NUL character.", nameof(conversationId));
        }

        ConversationId = conversationId;
    }

    /// <summary>Gets the conversation: the thread id under which the saver keeps its messages.</summary>
    public string ConversationId { get; }
}
