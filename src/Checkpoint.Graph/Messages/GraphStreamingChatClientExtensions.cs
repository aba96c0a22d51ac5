using Microsoft.Extensions.AI;

namespace Checkpoint.Graph;

/// <summary>Wraps a chat client in a <see cref="GraphStreamingChatClient"/>.</summary>
public static class GraphStreamingChatClientExtensions
{
    /// <summary>
    /// Returns a client that also sends the model's output to the <see cref="StreamMode.Messages"/> stream of the graph
    /// run that calls it, token by token, with the calling node's metadata; see <see cref="GraphStreamingChatClient"/>.
    /// In a <c>ChatClientBuilder</c> pipeline: <c>.Use(inner =&gt; new GraphStreamingChatClient(inner))</c>.
    /// </summary>
    /// <param name="client">The model's client.</param>
    /// <returns>The wrapping client.</returns>
    public static IChatClient WithGraphStreaming(this IChatClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client as GraphStreamingChatClient ?? new GraphStreamingChatClient(client);
    }
}
