using System.Text.Json.Nodes;
using Checkpoint;
using Checkpoint.Graph;
using Microsoft.Extensions.AI;

namespace Quickstart;

/// <summary>The two agents of the quickstart, as in LangGraph's persistence guide.</summary>
public static class Agents
{
    /// <summary>
    /// A chatbot with short-term memory: one node calls the model with the thread's conversation. With a checkpointer,
    /// each thread keeps its messages between runs.
    /// </summary>
    /// <param name="chat">The model.</param>
    /// <returns>The graph, ready to compile.</returns>
    public static StateGraph<MessagesState> Chatbot(IChatClient chat) =>
        new StateGraph<MessagesState>()
            .AddNode("call_model", async (state, context) =>
            {
                var response = await chat.GetResponseAsync(state.Messages, cancellationToken: context.CancellationToken);
                return new MessagesState { Messages = [.. response.Messages] };
            })
            .AddEdge(StateGraph.Start, "call_model");

    /// <summary>
    /// A chatbot with long-term memory: it reads what the store knows about the user (namespace
    /// <c>("memories", user_id)</c>) into its system prompt, and stores the user's name when asked to remember it.
    /// </summary>
    /// <param name="chat">The model.</param>
    /// <returns>The graph, ready to compile with a store.</returns>
    public static StateGraph<MessagesState> ChatbotWithMemory(IChatClient chat) =>
        new StateGraph<MessagesState>()
            .AddNode("call_model", async (state, context) =>
            {
                var userId = context.Config.Get<string>("user_id")
                    ?? throw new InvalidOperationException("This agent needs a user: run it with config.With(\"user_id\", ...).");
                StoreNamespace memories = ["memories", userId];
                var known = await context.Store.SearchAsync(memories, cancellationToken: context.CancellationToken).ToListAsync(context.CancellationToken);
                var info = string.Join("\n", known.Select(item => item.Value["data"]?.GetValue<string>()));

                var last = state.Messages[^1].Text;
                if (last.Contains("remember", StringComparison.OrdinalIgnoreCase) && OfflineChatClient.TryExtractName(last, out var name))
                {
                    await context.Store.PutAsync(memories, "user-name", new JsonObject { ["data"] = $"User name is {name}" }, cancellationToken: context.CancellationToken);
                }

                var system = new ChatMessage(ChatRole.System, $"You are a helpful assistant talking to the user. User info: {info}");
                var response = await chat.GetResponseAsync([system, .. state.Messages], cancellationToken: context.CancellationToken);
                return new MessagesState { Messages = [.. response.Messages] };
            })
            .AddEdge(StateGraph.Start, "call_model");
}
