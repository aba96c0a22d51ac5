using Microsoft.Extensions.AI;

namespace Checkpoint.Graph;

/// <summary>
/// A ready state for chat agents: one <c>messages</c> field that appends new messages, replaces a message sent again
/// with the same id, and removes messages by id (<see cref="AddMessages"/>). Derive from it to add fields.
/// </summary>
public class MessagesState
{
    /// <summary>Gets or sets the conversation.</summary>
    [Reducer(typeof(AddMessagesReducer))]
    public List<ChatMessage> Messages { get; set; } = [];
}
