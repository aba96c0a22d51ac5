using Microsoft.Extensions.AI;
using Quickstart;
using static Checkpoint.Graph.Tests.Support.Chat;

namespace Checkpoint.Graph.Tests.Scenarios;

/// <summary>Scenario 1: a thread remembers its conversation; another thread does not share it.</summary>
public sealed class ShortTermMemoryScenarioTests
{
    internal static StateGraph<MessagesState> Chatbot(IChatClient chat) =>
        new StateGraph<MessagesState>()
            .AddNode("call_model", async (state, context) =>
            {
                var response = await chat.GetResponseAsync(state.Messages, cancellationToken: context.CancellationToken);
                return new MessagesState { Messages = [.. response.Messages] };
            })
            .AddEdge(StateGraph.Start, "call_model");

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task A_thread_remembers_the_name_and_another_thread_does_not(string backendName)
    {
        await using var backend = await TestBackend.CreateAsync(backendName);
        var graph = Chatbot(new OfflineChatClient()).Compile(backend.Saver);
        var thread1 = RunConfig.ForThread($"t1-{Guid.NewGuid()}");
        var thread2 = RunConfig.ForThread($"t2-{Guid.NewGuid()}");

        await graph.InvokeAsync(Say("hi! I'm bob"), thread1, Token);
        var answer = await graph.InvokeAsync(Say("what's my name?"), thread1, Token);
        var stranger = await graph.InvokeAsync(Say("what's my name?"), thread2, Token);

        Assert.Contains("Bob", answer.LastText(), StringComparison.Ordinal);
        Assert.Equal(4, answer.Messages.Count);
        Assert.DoesNotContain("Bob", stranger.LastText(), StringComparison.Ordinal);
        Assert.Equal(2, stranger.Messages.Count);
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Sync_invoke_remembers_the_name_on_its_thread(string backendName)
    {
        await using var backend = await TestBackend.CreateAsync(backendName);
        var graph = Chatbot(new OfflineChatClient()).Compile(backend.Saver);
        var thread = RunConfig.ForThread(Guid.NewGuid().ToString());

        graph.Invoke(Say("hi! I'm bob"), thread);
        var answer = graph.Invoke(Say("what's my name?"), thread);

        Assert.Equal("Your name is Bob.", answer.LastText());
    }

    [Fact]
    public async Task Without_a_checkpointer_nothing_is_kept_between_runs()
    {
        var graph = Chatbot(new OfflineChatClient()).Compile();
        var thread = RunConfig.ForThread("1");

        await graph.InvokeAsync(Say("hi! I'm bob"), thread, Token);
        var answer = await graph.InvokeAsync(Say("what's my name?"), thread, Token);

        Assert.Equal(2, answer.Messages.Count);
        Assert.DoesNotContain("Bob", answer.LastText(), StringComparison.Ordinal);
    }
}
