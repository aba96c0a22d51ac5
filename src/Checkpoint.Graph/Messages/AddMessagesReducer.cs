using Microsoft.Extensions.AI;

namespace Checkpoint.Graph;

/// <summary>The reducer of <see cref="MessagesState.Messages"/>: <see cref="AddMessages.Apply"/>.</summary>
public sealed class AddMessagesReducer : IReducer<List<ChatMessage>>
{
    /// <inheritdoc />
    public List<ChatMessage> Reduce(List<ChatMessage> current, List<ChatMessage> update) => AddMessages.Apply(current, update);
}
