using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Checkpoint.Graph;

/// <summary>
/// A chat client that feeds a graph run's <see cref="StreamMode.Messages"/> stream (LangGraph streams chat model tokens
/// through its callbacks; .NET has no ambient callbacks, so the client says where its output goes): when called inside a
/// node of a run streamed with <see cref="StreamMode.Messages"/>, every chunk the model produces is also sent to the
/// stream, with the node's metadata. Outside such a run it only passes calls through.
/// </summary>
/// <remarks>
/// <para>
/// Wrap the client a node uses: <c>chatClient.WithGraphStreaming()</c>. A node may call
/// <see cref="IChatClient.GetResponseAsync"/> as usual: while the caller streams messages, the client asks the model for a
/// streaming response, forwards its chunks and returns the assembled response, as LangGraph does for <c>invoke</c>.
/// </para>
/// <para>
/// Chunks without a <see cref="ChatResponseUpdate.MessageId"/> get one, so the message the node then returns (with that id)
/// is not streamed a second time.
/// </para>
/// </remarks>
/// <param name="innerClient">The model's client.</param>
public sealed class GraphStreamingChatClient(IChatClient innerClient) : DelegatingChatClient(innerClient)
{
    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (NodeContext.Current is not { StreamsMessages: true })
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var context = NodeContext.Current is { StreamsMessages: true } current ? current : null;
        string? messageId = null;
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            if (context is not null)
            {
                update.MessageId ??= messageId ??= Guid.NewGuid().ToString();
                context.EmitMessage(update);
            }

            yield return update;
        }
    }
}
