using System.Text.Json.Nodes;
using Checkpoint;
using Checkpoint.Graph;
using Microsoft.Extensions.AI;

namespace Quickstart;

/// <summary>The agents of the quickstart, as in LangGraph's persistence and human-in-the-loop guides.</summary>
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
            .AddNode("call_model", (state, context) => CallModelWithMemoryAsync(chat, state, context, null))
            .AddEdge(StateGraph.Start, "call_model");

    /// <summary>
    /// The chatbot with long-term memory and a tool that needs a human's approval (LangGraph's "review tool calls"):
    /// when the model calls <c>send_email</c>, <c>human_review</c> pauses the run with <c>context.Interrupt</c>; the caller
    /// resumes it with a <see cref="Review"/>, and the email is sent only when approved.
    /// </summary>
    /// <param name="chat">The model.</param>
    /// <returns>The graph, ready to compile with a checkpointer and a store.</returns>
    public static StateGraph<MessagesState> AssistantWithApproval(IChatClient chat) =>
        new StateGraph<MessagesState>()
            .AddNode("call_model", (state, context) => CallModelWithMemoryAsync(chat, state, context, new ChatOptions { Tools = [EmailTool.Declaration] }))
            .AddNode("human_review", (state, context) =>
            {
                var call = PendingToolCall(state)!;
                var review = context.Interrupt<Review>(new { question = "Approve this tool call?", tool = call.Name, args = call.Arguments });
                return review.Approved
                    ? Command.GoTo("tools")
                    : Command.GoTo("call_model", new MessagesState
                    {
                        Messages = [new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, $"not sent: the reviewer rejected it ({review.Reason ?? "no reason given"})")])],
                    });
            })
            .AddNode("tools", state =>
            {
                var call = PendingToolCall(state)!;
                var result = EmailTool.Send(call.Arguments!["to"]!.ToString()!, call.Arguments!["body"]!.ToString()!);
                return new MessagesState { Messages = [new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, result)])] };
            })
            .AddEdge(StateGraph.Start, "call_model")
            .AddConditionalEdges("call_model", s => PendingToolCall(s) is null ? StateGraph.End : "human_review")
            .AddEdge("tools", "call_model");

    /// <summary>The tool call of the last message, when the model just asked for one.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The call, or <see langword="null"/>.</returns>
    public static FunctionCallContent? PendingToolCall(MessagesState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Messages.Count > 0 && state.Messages[^1].Role == ChatRole.Assistant
            ? state.Messages[^1].Contents.OfType<FunctionCallContent>().FirstOrDefault()
            : null;
    }

    private static async Task<StateUpdate<MessagesState>?> CallModelWithMemoryAsync(IChatClient chat, MessagesState state, NodeContext context, ChatOptions? options)
    {
        var userId = context.Config.Get<string>("user_id")
            ?? throw new InvalidOperationException("This agent needs a user: run it with config.With(\"user_id\", ...).");
        StoreNamespace memories = ["memories", userId];
        var known = await context.Store.SearchAsync(memories, cancellationToken: context.CancellationToken).ToListAsync(context.CancellationToken);
        var info = string.Join("\n", known.Select(item => item.Value["data"]?.GetValue<string>()));

        var last = state.Messages[^1];
        if (last.Role == ChatRole.User && last.Text.Contains("remember", StringComparison.OrdinalIgnoreCase) && OfflineChatClient.TryExtractName(last.Text, out var name))
        {
            await context.Store.PutAsync(memories, "user-name", new JsonObject { ["data"] = $"User name is {name}" }, cancellationToken: context.CancellationToken);
        }

        var system = new ChatMessage(ChatRole.System, $"You are a helpful assistant talking to the user. User info: {info}");
        var response = await chat.GetResponseAsync([system, .. state.Messages], options, context.CancellationToken);
        return new MessagesState { Messages = [.. response.Messages] };
    }
}
