using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace AgentFrameworkSample;

/// <summary>
/// A deterministic chat model that needs no network. It knows one thing, the user's name: from the conversation it is
/// given (chat history) or from the run's instructions (where the memory provider puts what it remembers).
/// </summary>
public sealed partial class OfflineChatClient : IChatClient
{
    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var reply = new ChatMessage(ChatRole.Assistant, Answer([.. messages], options?.Instructions)) { MessageId = Guid.NewGuid().ToString("N") };
        return Task.FromResult(new ChatResponse(reply) { ModelId = "offline" });
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <summary>Finds a name the user gives ("I'm Alice", "my name is Alice").</summary>
    /// <param name="text">The text.</param>
    /// <returns>The name, or <see langword="null"/>.</returns>
    public static string? FindIntroduction(string? text) =>
        Introduction().Match(text ?? string.Empty) is { Success: true } match ? match.Groups["name"].Value : null;

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static string Answer(IReadOnlyList<ChatMessage> messages, string? instructions)
    {
        var last = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text;
        if (FindIntroduction(last) is { } introduced)
        {
            return $"Nice to meet you, {introduced}.";
        }

        if (!AsksForName().IsMatch(last ?? string.Empty))
        {
            return "Noted.";
        }

        var fromHistory = messages.Where(m => m.Role == ChatRole.User).Select(m => FindIntroduction(m.Text)).LastOrDefault(n => n is not null);
        if (fromHistory is not null)
        {
            return $"Your name is {fromHistory} (you told me in this conversation).";
        }

        return RememberedName().Match(instructions ?? string.Empty) is { Success: true } memory
            ? $"Your name is {memory.Groups["name"].Value} (I remember it from an earlier conversation)."
            : "I don't know your name yet.";
    }

    [GeneratedRegex(@"\b(?i:i['’]m|i am|my name is)\s+(?<name>[A-Z][a-z]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Introduction();

    [GeneratedRegex(@"what['’]?s my name|what is my name", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsksForName();

    [GeneratedRegex(@"user's name is (?<name>[A-Z][a-z]+)", RegexOptions.CultureInvariant)]
    private static partial Regex RememberedName();
}
