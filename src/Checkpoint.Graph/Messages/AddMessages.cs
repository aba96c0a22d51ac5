using Microsoft.Extensions.AI;

namespace Checkpoint.Graph;

/// <summary>
/// LangGraph's <c>add_messages</c> over Microsoft.Extensions.AI chat messages: merges a list of new messages into a
/// conversation by <see cref="ChatMessage.MessageId"/>.
/// </summary>
/// <remarks>
/// A message without an id gets a new one. A new message whose id is already in the conversation replaces that message
/// in place; other messages are appended. A <see cref="Remove"/> marker deletes the message with its id, and a
/// <see cref="RemoveAll"/> marker drops everything before it.
/// </remarks>
public static class AddMessages
{
    /// <summary>The role of removal markers.</summary>
    public static ChatRole RemoveRole { get; } = new("remove");

    /// <summary>The id of the marker that removes every message (LangGraph's <c>REMOVE_ALL_MESSAGES</c>).</summary>
    public const string RemoveAllId = "__remove_all__";

    /// <summary>Returns a marker that removes the message with <paramref name="messageId"/> when merged.</summary>
    /// <param name="messageId">The id of the message to remove.</param>
    /// <returns>The marker.</returns>
    public static ChatMessage Remove(string messageId)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        return new ChatMessage(RemoveRole, string.Empty) { MessageId = messageId };
    }

    /// <summary>Returns a marker that removes every message before it when merged.</summary>
    /// <returns>The marker.</returns>
    public static ChatMessage RemoveAll() => Remove(RemoveAllId);

    /// <summary>Merges <paramref name="update"/> into <paramref name="current"/>; neither list is changed.</summary>
    /// <param name="current">The conversation so far; <see langword="null"/> is empty.</param>
    /// <param name="update">The new messages and removal markers.</param>
    /// <returns>The merged conversation.</returns>
    /// <exception cref="InvalidUpdateException">A removal names an id that is not in the conversation.</exception>
    public static List<ChatMessage> Apply(IEnumerable<ChatMessage>? current, IEnumerable<ChatMessage>? update)
    {
        var merged = new List<ChatMessage>();
        var updates = update?.ToList() ?? [];
        var lastRemoveAll = updates.FindLastIndex(m => IsRemoval(m) && m.MessageId == RemoveAllId);
        if (lastRemoveAll >= 0)
        {
            updates = updates[(lastRemoveAll + 1)..];
        }
        else
        {
            merged.AddRange((current ?? []).Select(WithId));
        }

        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < merged.Count; i++)
        {
            positions[merged[i].MessageId!] = i;
        }

        var removed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in updates.Select(WithId))
        {
            var id = message.MessageId!;
            if (IsRemoval(message))
            {
                if (!positions.ContainsKey(id))
                {
                    throw new InvalidUpdateException($"Cannot remove message '{id}': the conversation has no message with that id.");
                }

                removed.Add(id);
            }
            else if (positions.TryGetValue(id, out var position))
            {
                merged[position] = message;
                removed.Remove(id);
            }
            else
            {
                positions[id] = merged.Count;
                merged.Add(message);
            }
        }

        return removed.Count == 0 ? merged : [.. merged.Where(m => !removed.Contains(m.MessageId!))];
    }

    private static bool IsRemoval(ChatMessage message) => message.Role == RemoveRole;

    private static ChatMessage WithId(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.MessageId ??= Guid.NewGuid().ToString();
        return message;
    }
}
