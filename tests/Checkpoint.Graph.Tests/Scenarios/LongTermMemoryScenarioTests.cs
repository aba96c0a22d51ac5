using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Quickstart;
using static Checkpoint.Graph.Tests.Support.Chat;

namespace Checkpoint.Graph.Tests.Scenarios;

/// <summary>Scenario 5: a node stores what a user asks it to remember; the user's other threads read it from the store.</summary>
public sealed class LongTermMemoryScenarioTests
{
    internal static StateGraph<MessagesState> ChatbotWithMemory(IChatClient chat) =>
        new StateGraph<MessagesState>()
            .AddNode("call_model", async (state, context) =>
            {
                StoreNamespace memories = ["memories", context.Config.Get<string>("user_id")!];
                var info = string.Join("\n", context.Store.Search(memories).Select(item => (string?)item.Value["data"]));
                var last = state.LastText();
                if (last.Contains("remember", StringComparison.OrdinalIgnoreCase) && OfflineChatClient.TryExtractName(last, out var name))
                {
                    context.Store.Put(memories, Guid.NewGuid().ToString(), new JsonObject { ["data"] = $"User name is {name}" });
                }

                var system = new ChatMessage(ChatRole.System, $"You are a helpful assistant talking to the user. User info: {info}");
                var response = await chat.GetResponseAsync([system, .. state.Messages], cancellationToken: context.CancellationToken);
                return new MessagesState { Messages = [.. response.Messages] };
            })
            .AddEdge(StateGraph.Start, "call_model");

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task A_memory_stored_on_one_thread_answers_on_another_thread_of_the_same_user_only(string backendName)
    {
        await using var backend = await TestBackend.CreateAsync(backendName);
        var graph = ChatbotWithMemory(new OfflineChatClient()).Compile(backend.Saver, backend.Store);
        var user1 = Guid.NewGuid().ToString();
        var user2 = Guid.NewGuid().ToString();

        await graph.InvokeAsync(Say("Hi! Remember: my name is Bob"), RunConfig.ForThread(Guid.NewGuid().ToString()).With("user_id", user1), Token);
        var sameUser = await graph.InvokeAsync(Say("what is my name?"), RunConfig.ForThread(Guid.NewGuid().ToString()).With("user_id", user1), Token);
        var otherUser = await graph.InvokeAsync(Say("what is my name?"), RunConfig.ForThread(Guid.NewGuid().ToString()).With("user_id", user2), Token);

        var memory = Assert.Single(backend.Store.Search(["memories", user1]));
        Assert.Equal("User name is Bob", (string?)memory.Value["data"]);
        Assert.Equal(["what is my name?", "Your name is Bob."], sameUser.Messages.Select(m => m.Text));
        Assert.DoesNotContain("Bob", otherUser.LastText(), StringComparison.Ordinal);
        Assert.Empty(backend.Store.Search(["memories", user2]));
    }
}
