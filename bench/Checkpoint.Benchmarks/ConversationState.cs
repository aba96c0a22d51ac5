using Microsoft.Extensions.AI;

namespace Checkpoint.Benchmarks;

/// <summary>
/// The fixed workload's graph state (DESIGN.md §9): <c>messages</c> grows by one ~200-byte message per step, and two
/// small channels change every step. Versions advance the way LangGraph's savers produce them.
/// </summary>
internal sealed class ConversationState(BaseCheckpointSaver saver)
{
    public const string Messages = "messages";
    public const string StepChannel = "step";
    public const string Status = "status";

    private readonly List<ChatMessage> _messages = [];
    private readonly Dictionary<string, string> _versions = new(StringComparer.Ordinal);

    /// <summary>Gets the number of messages so far.</summary>
    public int Count => _messages.Count;

    /// <summary>Adds the messages of steps <paramref name="first"/> to <paramref name="last"/> without producing a checkpoint.</summary>
    public void Append(int first, int last)
    {
        for (var step = first; step <= last; step++)
        {
            _messages.Add(CreateMessage(step));
        }
    }

    /// <summary>
    /// Advances one step and returns the checkpoint to put and its new versions. With <paramref name="replaceLast"/>
    /// the step's message takes the place of the newest one, so the conversation keeps its length while each put
    /// still carries one message the previous put did not have.
    /// </summary>
    public (GraphCheckpoint Checkpoint, Dictionary<string, string> NewVersions) Next(int step, bool replaceLast = false)
    {
        if (replaceLast && _messages.Count > 0)
        {
            _messages.RemoveAt(_messages.Count - 1);
        }

        _messages.Add(CreateMessage(step));
        var checkpoint = GraphCheckpoint.CreateEmpty(step);
        checkpoint.ChannelValues[Messages] = new List<ChatMessage>(_messages);
        checkpoint.ChannelValues[StepChannel] = step;
        checkpoint.ChannelValues[Status] = step % 2 == 0 ? "waiting-for-model" : "waiting-for-user";
        var newVersions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var channel in new[] { Messages, StepChannel, Status })
        {
            _versions[channel] = saver.GetNextVersion(_versions.GetValueOrDefault(channel));
            newVersions[channel] = _versions[channel];
        }

        foreach (var (channel, version) in _versions)
        {
            checkpoint.ChannelVersions[channel] = version;
        }

        checkpoint.VersionsSeen["agent"] = new Dictionary<string, string>(_versions, StringComparer.Ordinal);
        checkpoint.UpdatedChannels = [Messages, Status, StepChannel];
        return (checkpoint, newVersions);
    }

    private static ChatMessage CreateMessage(int step) =>
        new(step % 2 == 0 ? ChatRole.User : ChatRole.Assistant, MessageText(step)) { MessageId = $"msg-{step:D5}" };

    private static readonly string[] Vocabulary =
    [
        "agent", "memory", "thread", "checkpoint", "resume", "tool", "call", "result", "user", "assistant", "weather",
        "forecast", "booking", "flight", "hotel", "price", "budget", "schedule", "meeting", "summary", "report", "draft",
        "email", "invoice", "order", "shipping", "refund", "account", "password", "profile", "preference", "language",
        "recipe", "ingredient", "oven", "minutes", "question", "answer", "search", "document", "page", "chapter", "note",
        "reminder", "tomorrow", "yesterday", "morning", "evening", "project", "deadline", "estimate", "risk", "plan",
        "step", "failed", "retry", "success", "error", "timeout", "database", "index", "query", "latency", "throughput",
        "graph", "node", "edge", "state", "update", "stream", "token", "model", "prompt", "context", "window", "limit",
    ];

    /// <summary>
    /// A message of about 200 bytes of words drawn with a fixed seed per step: identical in every run, different at
    /// every step, and about as compressible as real prose (a repeated sentence would flatter compressing stores).
    /// </summary>
    public static string MessageText(int step)
    {
        var random = new Random(step);
        var text = new System.Text.StringBuilder($"Step {step:D5}:");
        while (text.Length < 200)
        {
            text.Append(' ').Append(Vocabulary[random.Next(Vocabulary.Length)]);
        }

        return text.ToString();
    }
}
