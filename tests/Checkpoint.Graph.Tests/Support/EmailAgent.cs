using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace Checkpoint.Graph.Tests.Support;

/// <summary>What a reviewer answers about a proposed tool call.</summary>
public sealed record ReviewDecision(string Action, Dictionary<string, object?>? Args = null, string? Reason = null);

/// <summary>
/// LangGraph's "review tool calls" pattern: the agent proposes <c>send_email</c>, <c>human_review</c> interrupts with the
/// call, and the reviewer approves it, edits its arguments or rejects it; <c>tools</c> runs approved calls.
/// </summary>
public sealed class EmailAgent
{
    public ConcurrentQueue<(string To, string Body)> Sent { get; } = new();

    public int ReviewRuns;

    public CompiledStateGraph<MessagesState> Compile(BaseCheckpointSaver saver) =>
        new StateGraph<MessagesState>()
            .AddNode("agent", state => Agent(state))
            .AddNode("human_review", (state, context) => Review(state, context))
            .AddNode("tools", state => RunTools(state))
            .AddEdge(StateGraph.Start, "agent")
            .AddConditionalEdges("agent", s => PendingCall(s) is null ? StateGraph.End : "human_review")
            .AddEdge("tools", "agent")
            .Compile(saver);

    public static FunctionCallContent? PendingCall(MessagesState state) =>
        state.Messages[^1].Role == ChatRole.Assistant ? state.Messages[^1].Contents.OfType<FunctionCallContent>().FirstOrDefault() : null;

    private static MessagesState Agent(MessagesState state)
    {
        var last = state.Messages[^1];
        if (last.Role == ChatRole.Tool)
        {
            var result = last.Contents.OfType<FunctionResultContent>().Single().Result?.ToString();
            return new MessagesState { Messages = [new ChatMessage(ChatRole.Assistant, $"Done: {result}")] };
        }

        var call = new FunctionCallContent("call_1", "send_email", new Dictionary<string, object?> { ["to"] = "alice", ["body"] = "hi" });
        return new MessagesState { Messages = [new ChatMessage(ChatRole.Assistant, [call])] };
    }

    private StateUpdate<MessagesState> Review(MessagesState state, NodeContext context)
    {
        Interlocked.Increment(ref ReviewRuns);
        var call = PendingCall(state)!;
        var decision = context.Interrupt<ReviewDecision>(new { question = "Send this email?", tool_call = new { name = call.Name, args = call.Arguments } });
        return decision.Action switch
        {
            "approve" => Command.GoTo("tools"),
            "edit" => Command.GoTo("tools", new MessagesState
            {
                Messages = [new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(call.CallId, call.Name, decision.Args)]) { MessageId = state.Messages[^1].MessageId }],
            }),
            _ => Command.GoTo("agent", new MessagesState
            {
                Messages = [new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, $"not sent: {decision.Reason}")])],
            }),
        };
    }

    private MessagesState RunTools(MessagesState state)
    {
        var call = PendingCall(state)!;
        var to = call.Arguments!["to"]!.ToString()!;
        var body = call.Arguments!["body"]!.ToString()!;
        Sent.Enqueue((to, body));
        return new MessagesState { Messages = [new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, $"sent to {to}: {body}")])] };
    }
}
