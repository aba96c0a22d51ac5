using Microsoft.Extensions.AI;
using Quickstart;
using static Checkpoint.Graph.Tests.Support.Chat;

namespace Checkpoint.Graph.Tests.Scenarios;

/// <summary>Scenario 4: an entrypoint remembers through <c>previous</c>, returning the reply and saving the history with <c>final</c>.</summary>
public sealed class FunctionalApiScenarioTests
{
    internal static Entrypoint<List<ChatMessage>, ChatMessage> Workflow(IChatClient chat, BaseCheckpointSaver saver)
    {
        var callModel = Entrypoint.DefineTask<List<ChatMessage>, ChatMessage>("call_model", async (messages, cancellationToken) =>
            (await chat.GetResponseAsync(messages, cancellationToken: cancellationToken)).Messages[^1]);

        return Entrypoint.Create<List<ChatMessage>, ChatMessage, List<ChatMessage>>(
            async (input, previous, context) =>
            {
                var messages = AddMessages.Apply(previous, input);
                var reply = await callModel.InvokeAsync(messages, context);
                return Entrypoint.Final(reply, AddMessages.Apply(messages, [reply]));
            },
            checkpointer: saver,
            name: "workflow");
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task The_entrypoint_remembers_the_name_through_previous_and_saves_the_history(string backendName)
    {
        await using var backend = await TestBackend.CreateAsync(backendName);
        var workflow = Workflow(new OfflineChatClient(), backend.Saver);
        var thread = RunConfig.ForThread(Guid.NewGuid().ToString());

        var first = await workflow.InvokeAsync([User("hi! I'm bob")], thread, Token);
        var second = await workflow.InvokeAsync([User("what's my name?")], thread, Token);
        var elsewhere = await workflow.InvokeAsync([User("what's my name?")], RunConfig.ForThread(Guid.NewGuid().ToString()), Token);

        Assert.Equal("Hi Bob! Nice to meet you.", first.Text);
        Assert.Equal("Your name is Bob.", second.Text);
        Assert.DoesNotContain("Bob", elsewhere.Text, StringComparison.Ordinal);
        var saved = Assert.IsType<List<ChatMessage>>(backend.Saver.GetTuple(thread)!.Checkpoint.ChannelValues["__previous__"]);
        Assert.Equal(["hi! I'm bob", "Hi Bob! Nice to meet you.", "what's my name?", "Your name is Bob."], saved.Select(m => m.Text));
    }
}
