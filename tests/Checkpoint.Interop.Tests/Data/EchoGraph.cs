using System.Text.Json.Nodes;
using Checkpoint.Graph;
using Microsoft.Extensions.AI;

namespace Checkpoint.Interop.Tests.Data;

/// <summary>
/// The .NET mirror of node/graphs.mjs: START -> agent -> END over <c>messages</c> (add-messages) and <c>turns</c> (sum);
/// the agent answers the last user message with <c>"echo: &lt;text&gt;"</c>.
/// </summary>
public static class EchoGraph
{
    /// <summary>Compiles the graph on a checkpointer.</summary>
    public static CompiledStateGraph<EchoState> Compile(BaseCheckpointSaver saver) =>
        new StateGraph<EchoState>()
            .AddNode("agent", state =>
            {
                var text = state.Messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty;
                return new EchoState
                {
                    Messages = [new ChatMessage(ChatRole.Assistant, "echo: " + text) { MessageId = $"dotnet-{state.Messages.Count}" }],
                    Turns = 1,
                };
            })
            .AddEdge(StateGraph.Start, "agent")
            .AddEdge("agent", StateGraph.End)
            .Compile(checkpointer: saver);

    /// <summary>The input of one turn.</summary>
    public static EchoState Say(string text, string id) => new() { Messages = [new ChatMessage(ChatRole.User, text) { MessageId = id }] };

    /// <summary>The input of one turn of the LangGraph.js graph, described for the harness.</summary>
    public static JsonObject JsSay(string text, string id) => new()
    {
        ["messages"] = new JsonArray(new JsonObject { ["$message"] = new JsonObject { ["class"] = "HumanMessage", ["content"] = text, ["id"] = id } }),
    };

    /// <summary>The texts of described messages.</summary>
    public static List<string> Texts(JsonNode? messages) =>
        [.. messages!.AsArray().Select(m => m!["$message"]!["content"]!.GetValue<string>())];
}

/// <summary>The graph's state.</summary>
public sealed class EchoState : MessagesState
{
    /// <summary>Gets or sets the number of turns answered.</summary>
    [Reducer(typeof(SumReducer))]
    public long Turns { get; set; }
}

/// <summary>Adds numbers.</summary>
public sealed class SumReducer : IReducer<long>
{
    /// <inheritdoc />
    public long Reduce(long current, long update) => current + update;
}
