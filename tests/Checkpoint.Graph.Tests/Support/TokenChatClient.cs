using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Checkpoint.Graph.Tests.Support;

/// <summary>A model that streams a fixed reply word by word; <see cref="BeforeSecondToken"/> lets a test hold it mid-reply.</summary>
public sealed class TokenChatClient(params string[] tokens) : IChatClient
{
    public Func<Task>? BeforeSecondToken { get; set; }

    public string? MessageId { get; set; }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        (await GetStreamingResponseAsync(messages, options, cancellationToken).ToListAsync(cancellationToken)).ToChatResponse();

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            if (i == 1 && BeforeSecondToken is { } wait)
            {
                await wait();
            }

            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, tokens[i]) { MessageId = MessageId };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
