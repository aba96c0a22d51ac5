using Quickstart;
using static Checkpoint.Graph.Tests.Support.Chat;

namespace Checkpoint.Graph.Tests.Scenarios;

/// <summary>Scenario 2: the conversation survives recreating the saver and the graph (a process restart).</summary>
public sealed class RestartScenarioTests
{
    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task The_second_turn_after_a_restart_still_knows_the_name(string backendName)
    {
        await using var backend = await TestBackend.CreateAsync(backendName);
        var thread = RunConfig.ForThread(Guid.NewGuid().ToString());
        var before = ShortTermMemoryScenarioTests.Chatbot(new OfflineChatClient()).Compile(backend.Saver);
        await before.InvokeAsync(Say("hi! I'm bob"), thread, Token);

        await backend.ReopenAsync();
        var after = ShortTermMemoryScenarioTests.Chatbot(new OfflineChatClient()).Compile(backend.Saver);
        var answer = await after.InvokeAsync(Say("what's my name?"), thread, Token);

        Assert.Contains("Bob", answer.LastText(), StringComparison.Ordinal);
        Assert.Equal(["hi! I'm bob", "Hi Bob! Nice to meet you.", "what's my name?", "Your name is Bob."], answer.Messages.Select(m => m.Text));
    }
}
