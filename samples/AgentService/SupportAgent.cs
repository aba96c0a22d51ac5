using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Checkpoint;
using Checkpoint.Graph;
using Microsoft.Extensions.AI;

namespace AgentService;

/// <summary>
/// A support agent as a one-node graph, with a scripted, offline reply instead of a model call: it learns the user's
/// name from the thread's messages (short-term memory, in the checkpoints) and keeps what it is asked to remember in
/// the store under <c>("memories", user_id)</c> (long-term memory, shared by all of the user's threads).
/// </summary>
public static partial class SupportAgent
{
    /// <summary>Builds the graph; compile it with a checkpointer and a store.</summary>
    /// <returns>The graph.</returns>
    public static StateGraph<MessagesState> Build() =>
        new StateGraph<MessagesState>()
            .AddNode("respond", RespondAsync)
            .AddEdge(StateGraph.Start, "respond");

    private static async Task<StateUpdate<MessagesState>?> RespondAsync(MessagesState state, NodeContext context)
    {
        var userId = context.Config.Get<string>("user_id") ?? throw new InvalidOperationException("Run the agent with config.With(\"user_id\", ...).");
        StoreNamespace memories = ["memories", userId];
        var said = state.Messages[^1].Text;
        var name = state.Messages.Where(m => m.Role == ChatRole.User).Select(m => Introduction().Match(m.Text)).FirstOrDefault(m => m.Success)?.Groups["name"].Value;

        string reply;
        if (RememberRequest().Match(said) is { Success: true } request)
        {
            var fact = request.Groups["fact"].Value.TrimEnd('.', '!');
            await context.Store.PutAsync(memories, fact.ToLowerInvariant(), new JsonObject { ["text"] = fact }, cancellationToken: context.CancellationToken);
            reply = $"Nice to meet you{(name is null ? string.Empty : $", {name}")}. I will remember: \"{fact}\".";
        }
        else
        {
            // Semantic search over the user's memories, with the question as the query.
            var recalled = await context.Store.SearchAsync(memories, query: said, limit: 1, cancellationToken: context.CancellationToken).FirstOrDefaultAsync(context.CancellationToken);
            reply = $"From this thread: your name is {name ?? "unknown to me"}. From my long-term memory: "
                + (recalled?.Value["text"]?.GetValue<string>() is { } text ? $"\"{text}\"." : "nothing yet.");
        }

        return new MessagesState { Messages = [new ChatMessage(ChatRole.Assistant, reply)] };
    }

    [GeneratedRegex(@"\bI'm (?<name>[A-Z]\w*)")]
    private static partial Regex Introduction();

    [GeneratedRegex(@"\bremember that (?<fact>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex RememberRequest();
}
