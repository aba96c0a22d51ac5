using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace Checkpoint.AgentFramework;

/// <summary>
/// An Agent Framework <see cref="ChatHistoryProvider"/> that keeps each session's conversation in a
/// <see cref="BaseCheckpointSaver"/>: the conversation is a thread, each turn one checkpoint holding only that turn's
/// request and response messages.
/// </summary>
/// <remarks>
/// <para>
/// Why a checkpointer and not a store: a conversation is an append-only, ordered log, which is what a thread of
/// checkpoints is. Appending a turn is one put of that turn's messages (no read, no counter to update, so two writers
/// never overwrite each other's turns); checkpoint ids are time-ordered, so the saver lists turns newest first and
/// streams them, and the provider reads only the turns it returns; trimming is the saver's prune. A store would need a
/// per-conversation counter (read, then write) to order messages and a full scan to find the newest ones on backends
/// whose search does not push filters down. Values go through the saver's serializer, so an encrypting serializer
/// encrypts the chat history too.
/// </para>
/// <para>
/// The session's state holds only the conversation id (<see cref="CheckpointChatHistoryState"/>), under
/// <see cref="StateKeys"/>. The provider itself holds no per-session data and is safe to share.
/// </para>
/// </remarks>
public sealed class CheckpointChatHistoryProvider : ChatHistoryProvider
{
    private const string MessagesChannel = "messages";

    private readonly BaseCheckpointSaver _saver;
    private readonly ProviderSessionState<CheckpointChatHistoryState> _sessionState;
    private readonly string _namespace;
    private readonly int? _maxMessages;
    private readonly int? _retrieveLimit;
    private IReadOnlyList<string>? _stateKeys;

    /// <summary>Initializes a provider over <paramref name="saver"/>.</summary>
    /// <param name="saver">The checkpointer that holds the conversations; not owned.</param>
    /// <param name="options">The namespace, limits, state and filters; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The namespace is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A message limit is not positive.</exception>
    public CheckpointChatHistoryProvider(BaseCheckpointSaver saver, CheckpointChatHistoryProviderOptions? options = null)
        : base(options?.ProvideOutputMessageFilter, options?.StoreInputRequestMessageFilter, options?.StoreInputResponseMessageFilter)
    {
        ArgumentNullException.ThrowIfNull(saver);
        options ??= new CheckpointChatHistoryProviderOptions();
        ArgumentException.ThrowIfNullOrEmpty(options.CheckpointNamespace, "options.CheckpointNamespace");
        if (options.MaxMessages is <= 0)
        {
            throw new ArgumentOutOfRangeException("options.MaxMessages", options.MaxMessages, "MaxMessages must be positive, or null to keep every message.");
        }

        if (options.MaxMessagesToRetrieve is <= 0)
        {
            throw new ArgumentOutOfRangeException("options.MaxMessagesToRetrieve", options.MaxMessagesToRetrieve, "MaxMessagesToRetrieve must be positive, or null to retrieve every kept message.");
        }

        _saver = saver;
        _namespace = options.CheckpointNamespace;
        _maxMessages = options.MaxMessages;
        _retrieveLimit = (options.MaxMessages, options.MaxMessagesToRetrieve) switch
        {
            ({ } kept, { } retrieved) => Math.Min(kept, retrieved),
            (var kept, var retrieved) => kept ?? retrieved,
        };
        _sessionState = new ProviderSessionState<CheckpointChatHistoryState>(
            options.StateInitializer ?? (_ => new CheckpointChatHistoryState(Guid.NewGuid().ToString("N"))),
            options.StateKey ?? nameof(CheckpointChatHistoryProvider),
            options.StateJsonSerializerOptions);
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> StateKeys => _stateKeys ??= [_sessionState.StateKey];

    /// <summary>Returns the conversation a session continues, starting one when the session has none yet.</summary>
    /// <param name="session">The session.</param>
    /// <returns>The conversation id, which is the saver's thread id.</returns>
    public string GetConversationId(AgentSession? session) => _sessionState.GetOrInitializeState(session).ConversationId;

    /// <summary>Reads the messages a session's conversation keeps, oldest first (bounded like a run's history).</summary>
    /// <param name="session">The session.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The messages.</returns>
    public Task<IReadOnlyList<ChatMessage>> GetMessagesAsync(AgentSession? session, CancellationToken cancellationToken = default) =>
        ReadNewestAsync(GetConversationId(session), _retrieveLimit, cancellationToken);

    /// <summary>Deletes a session's conversation (its whole thread, in every namespace).</summary>
    /// <param name="session">The session.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the conversation is gone.</returns>
    public Task ClearAsync(AgentSession? session, CancellationToken cancellationToken = default) =>
        _saver.DeleteThreadAsync(GetConversationId(session), cancellationToken);

    /// <inheritdoc />
    protected override async ValueTask<IEnumerable<ChatMessage>> ProvideChatHistoryAsync(InvokingContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await ReadNewestAsync(GetConversationId(context.Session), _retrieveLimit, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async ValueTask StoreChatHistoryAsync(InvokedContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        List<ChatMessage> messages = [.. context.RequestMessages.Concat(context.ResponseMessages ?? []).Select(WithoutRunAttribution)];
        if (messages.Count == 0)
        {
            return;
        }

        var conversationId = GetConversationId(context.Session);
        var version = _saver.GetNextVersion(null);
        var turn = GraphCheckpoint.CreateEmpty();
        turn.ChannelValues[MessagesChannel] = messages;
        turn.ChannelVersions[MessagesChannel] = version;
        await _saver.PutAsync(
            new RunConfig(conversationId, _namespace),
            turn,
            new CheckpointMetadata(),
            new Dictionary<string, string> { [MessagesChannel] = version },
            cancellationToken).ConfigureAwait(false);

        if (_maxMessages is { } max)
        {
            await TrimAsync(conversationId, max, cancellationToken).ConfigureAwait(false);
        }
    }

    // Newest turns first, stopping as soon as enough messages are read: a long conversation costs what is returned.
    private async Task<IReadOnlyList<ChatMessage>> ReadNewestAsync(string conversationId, int? limit, CancellationToken cancellationToken)
    {
        var turns = new List<IReadOnlyList<ChatMessage>>();
        var count = 0;
        await foreach (var turn in _saver.ListAsync(new RunConfig(conversationId, _namespace), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var messages = MessagesOf(turn);
            turns.Add(messages);
            count += messages.Count;
            if (count >= limit)
            {
                break;
            }
        }

        var skip = limit is { } max ? Math.Max(0, count - max) : 0;
        var result = new List<ChatMessage>(count - skip);
        for (var i = turns.Count - 1; i >= 0; i--)
        {
            foreach (var message in turns[i])
            {
                if (skip > 0)
                {
                    skip--;
                    continue;
                }

                result.Add(message);
            }
        }

        return result;
    }

    // Keeps the newest turns that hold the newest `max` messages; one prune when older turns exist.
    private async Task TrimAsync(string conversationId, int max, CancellationToken cancellationToken)
    {
        var kept = 0;
        var turnsKept = 0;
        var older = false;
        await foreach (var turn in _saver.ListAsync(new RunConfig(conversationId, _namespace), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (kept >= max)
            {
                older = true;
                break;
            }

            kept += MessagesOf(turn).Count;
            turnsKept++;
        }

        if (older)
        {
            await _saver.PruneAsync([conversationId], PruneStrategy.KeepLast(turnsKept), cancellationToken).ConfigureAwait(false);
        }
    }

    private static IReadOnlyList<ChatMessage> MessagesOf(CheckpointTuple turn) =>
        turn.Checkpoint.ChannelValues.TryGetValue(MessagesChannel, out var value) && value is IEnumerable<ChatMessage> messages
            ? messages as IReadOnlyList<ChatMessage> ?? [.. messages]
            : [];

    // The source attribution Agent Framework adds to a run's messages describes that run only; history re-tags what it provides.
    private static ChatMessage WithoutRunAttribution(ChatMessage message)
    {
        if (message.AdditionalProperties is not { } properties || !properties.ContainsKey(AgentRequestMessageSourceAttribution.AdditionalPropertiesKey))
        {
            return message;
        }

        var copy = message.Clone();
        var remaining = new AdditionalPropertiesDictionary(properties);
        remaining.Remove(AgentRequestMessageSourceAttribution.AdditionalPropertiesKey);
        copy.AdditionalProperties = remaining.Count == 0 ? null : remaining;
        return copy;
    }
}
