using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Quickstart;

/// <summary>
/// A deterministic chat model that needs no network, so the quickstart and the tests run anywhere. It knows the user's
/// name, from the conversation ("I'm Bob", "my name is Bob") or from the system prompt ("User name is Bob"); and, when
/// offered the <c>send_email</c> tool, it calls it for "send an email to alice saying hi".
/// </summary>
public sealed partial class OfflineChatClient : IChatClient
{
    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "not", "fine", "good", "ok", "okay", "here", "back", "sorry", "sure", "just", "so", "very", "glad", "happy",
    };

    /// <summary>Gets how many responses the client produced (tests use it to see whether a model call was repeated).</summary>
    public int Calls => _calls;

    private const string NotSent = "not sent: ";

    private int _calls;

    /// <summary>Answers the last user message from what the conversation and the system prompt say.</summary>
    /// <param name="messages">The conversation, system prompt included.</param>
    /// <returns>The reply.</returns>
    public static string Answer(IReadOnlyList<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var last = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty;
        var known = FindName(messages);
        if (AsksForName().IsMatch(last))
        {
            return known is null ? "I don't know your name yet. Tell me and I'll remember it." : $"Your name is {known}.";
        }

        if (TryExtractName(last, out var introduced))
        {
            return $"Hi {introduced}! Nice to meet you.";
        }

        return known is null
            ? "I'm an offline model. Tell me your name (\"I'm Bob\") or ask me \"what's my name?\"."
            : $"Happy to help, {known}.";
    }

    /// <summary>Finds a name the user gives in <paramref name="text"/> ("I'm bob", "my name is Bob", "call me Bob").</summary>
    /// <param name="text">The text.</param>
    /// <param name="name">The name, capitalized.</param>
    /// <returns>Whether a name was found.</returns>
    public static bool TryExtractName(string? text, out string name)
    {
        foreach (Match match in Introduction().Matches(text ?? string.Empty))
        {
            var candidate = match.Groups["name"].Value;
            if (!NotNames.Contains(candidate))
            {
                name = char.ToUpperInvariant(candidate[0]) + candidate[1..].ToLowerInvariant();
                return true;
            }
        }

        name = string.Empty;
        return false;
    }

    /// <summary>Finds an email request in <paramref name="text"/> ("send an email to alice saying the report is ready").</summary>
    /// <param name="text">The text.</param>
    /// <param name="to">The recipient.</param>
    /// <param name="body">The text of the email.</param>
    /// <returns>Whether the text asks for an email.</returns>
    public static bool TryExtractEmail(string? text, out string to, out string body)
    {
        var match = EmailRequest().Match(text ?? string.Empty);
        to = match.Groups["to"].Value;
        body = match.Groups["body"].Success ? match.Groups["body"].Value.TrimEnd('.', '!') : "hello";
        return match.Success;
    }

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var calls = Interlocked.Increment(ref _calls);
        List<ChatMessage> conversation = [.. messages];
        var last = conversation.LastOrDefault(m => m.Role != ChatRole.System);
        ChatMessage reply;
        if (last?.Role == ChatRole.Tool && last.Contents.OfType<FunctionResultContent>().FirstOrDefault() is { } result)
        {
            var text = result.Result?.ToString() ?? string.Empty;
            reply = new ChatMessage(ChatRole.Assistant, text.StartsWith(NotSent, StringComparison.Ordinal) ? $"OK, I did not send it: {text[NotSent.Length..]}." : $"Done: {text}.");
        }
        else if (last?.Role == ChatRole.User && options?.Tools?.Any(t => t.Name == EmailTool.Name) == true && TryExtractEmail(last.Text, out var to, out var body))
        {
            var arguments = new Dictionary<string, object?> { ["to"] = to, ["body"] = body };
            reply = new ChatMessage(ChatRole.Assistant, [new FunctionCallContent($"call_{calls}", EmailTool.Name, arguments)]);
        }
        else
        {
            reply = new ChatMessage(ChatRole.Assistant, Answer(conversation));
        }

        reply.MessageId = Guid.NewGuid().ToString();
        return Task.FromResult(new ChatResponse(reply) { ModelId = "offline" });
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static string? FindName(IReadOnlyList<ChatMessage> messages)
    {
        string? name = null;
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System && SystemName().Match(message.Text) is { Success: true } fact)
            {
                name = fact.Groups["name"].Value;
            }
            else if (message.Role == ChatRole.User && TryExtractName(message.Text, out var given))
            {
                name = given;
            }
        }

        return name;
    }

    [GeneratedRegex(@"\b(?:i['’]m|i am|my name is|call me)\s+(?<name>[a-z][a-z'-]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Introduction();

    [GeneratedRegex(@"\bsend (?:an )?e-?mail to (?<to>[A-Za-z][\w.@-]*)(?: saying (?<body>.+))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EmailRequest();

    [GeneratedRegex(@"\bname is (?<name>[A-Z][A-Za-z'-]*)", RegexOptions.CultureInvariant)]
    private static partial Regex SystemName();

    [GeneratedRegex(@"\bwhat['’]?s my name|\bwhat is my name|\bwho am i\b|\bdo you (?:know|remember) my name", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsksForName();
}
