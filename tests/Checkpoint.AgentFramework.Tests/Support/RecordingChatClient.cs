using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Checkpoint.AgentFramework.Tests.Support;

/// <summary>A chat model for tests: records what each call receives and answers "reply N"; can be told to fail.</summary>
public sealed class RecordingChatClient : IChatClient
{
    private readonly List<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> _calls = [];

    public IReadOnlyList<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Calls => _calls;

    public IReadOnlyList<ChatMessage> LastMessages => _calls[^1].Messages;

    public bool Fail { get; set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        _calls.Add(([.. messages], options));
        if (Fail)
        {
            throw new InvalidOperationException("The model is down.");
        }

        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, $"reply {_calls.Count}")));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
