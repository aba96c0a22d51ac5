using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace Checkpoint.AgentFramework.Tests.ChatHistory;

public sealed class CheckpointChatHistoryProviderTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Conversation_survives_a_restart_and_reaches_the_model_in_order(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var (agent, _, _) = CreateAgent(backend.Saver);
        var session = await agent.CreateSessionAsync(Token);
        await agent.RunAsync("one", session, cancellationToken: Token);
        await agent.RunAsync("two", session, cancellationToken: Token);
        var saved = await agent.SerializeSessionAsync(session, cancellationToken: Token);

        await backend.ReopenAsync();
        var (restarted, model, _) = CreateAgent(backend.Saver);
        var resumed = await restarted.DeserializeSessionAsync(saved, cancellationToken: Token);
        await restarted.RunAsync("three", resumed, cancellationToken: Token);

        Assert.Equal(["one", "reply 1", "two", "reply 2", "three"], model.LastMessages.Select(m => m.Text));
        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.User, ChatRole.Assistant, ChatRole.User], model.LastMessages.Select(m => m.Role));
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Each_turn_stores_only_its_own_messages(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var (agent, _, history) = CreateAgent(backend.Saver);
        var session = await agent.CreateSessionAsync(Token);
        for (var turn = 1; turn <= 5; turn++)
        {
            await agent.RunAsync($"message {turn}", session, cancellationToken: Token);
        }

        // One checkpoint per turn, holding that turn's request and response: a turn costs its own messages, not the history.
        var turns = await ListTurnsAsync(backend.Saver, history.GetConversationId(session));
        Assert.Equal(5, turns.Count);
        for (var turn = 1; turn <= 5; turn++)
        {
            Assert.Equal([$"message {turn}", $"reply {turn}"], turns[5 - turn].Select(m => m.Text));
        }
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Sessions_keep_separate_conversations(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var (agent, model, history) = CreateAgent(backend.Saver);
        var first = await agent.CreateSessionAsync(Token);
        var second = await agent.CreateSessionAsync(Token);
        await agent.RunAsync("to first", first, cancellationToken: Token);
        await agent.RunAsync("to second", second, cancellationToken: Token);
        await agent.RunAsync("again first", first, cancellationToken: Token);

        Assert.Equal(["to first", "reply 1", "again first"], model.LastMessages.Select(m => m.Text));
        Assert.Equal(["to second", "reply 2"], (await history.GetMessagesAsync(second, Token)).Select(m => m.Text));
        Assert.NotEqual(history.GetConversationId(first), history.GetConversationId(second));
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Max_messages_to_retrieve_gives_the_model_the_newest_messages(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var (agent, model, history) = CreateAgent(backend.Saver, new CheckpointChatHistoryProviderOptions { MaxMessagesToRetrieve = 3 });
        var session = await agent.CreateSessionAsync(Token);
        for (var turn = 1; turn <= 4; turn++)
        {
            await agent.RunAsync($"message {turn}", session, cancellationToken: Token);
        }

        await agent.RunAsync("last", session, cancellationToken: Token);

        Assert.Equal(["reply 3", "message 4", "reply 4", "last"], model.LastMessages.Select(m => m.Text));
        Assert.Equal(5, (await ListTurnsAsync(backend.Saver, history.GetConversationId(session))).Count);
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Max_messages_deletes_turns_that_fall_out_of_the_window(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var (agent, model, history) = CreateAgent(backend.Saver, new CheckpointChatHistoryProviderOptions { MaxMessages = 3 });
        var session = await agent.CreateSessionAsync(Token);
        for (var turn = 1; turn <= 5; turn++)
        {
            await agent.RunAsync($"message {turn}", session, cancellationToken: Token);
        }

        // The newest 3 messages span the last two turns; older turns are gone from storage.
        var turns = await ListTurnsAsync(backend.Saver, history.GetConversationId(session));
        Assert.Equal([["message 5", "reply 5"], ["message 4", "reply 4"]], turns.Select(t => t.Select(m => m.Text).ToArray()));
        Assert.Equal(["reply 4", "message 5", "reply 5"], (await history.GetMessagesAsync(session, Token)).Select(m => m.Text));
        Assert.Equal(["reply 3", "message 4", "reply 4", "message 5"], model.LastMessages.Select(m => m.Text));
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task A_failed_run_stores_nothing(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var (agent, model, history) = CreateAgent(backend.Saver);
        var session = await agent.CreateSessionAsync(Token);
        await agent.RunAsync("kept", session, cancellationToken: Token);
        model.Fail = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => agent.RunAsync("lost", session, cancellationToken: Token));

        Assert.Equal(["kept", "reply 1"], (await history.GetMessagesAsync(session, Token)).Select(m => m.Text));
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Messages_round_trip_with_their_contents_and_without_run_attribution(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var (agent, _, history) = CreateAgent(backend.Saver);
        var session = await agent.CreateSessionAsync(Token);
        var request = new ChatMessage(ChatRole.User, [new TextContent("look"), new DataContent(new byte[] { 1, 2, 3 }, "image/png")]) { MessageId = "m1", AuthorName = "ann" }
            .WithAgentRequestMessageSource(AgentRequestMessageSourceType.External, "caller");
        var response = new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call-1", "lookup", new Dictionary<string, object?> { ["q"] = "x" }), new TextContent("done")]);

        await history.InvokedAsync(new ChatHistoryProvider.InvokedContext(agent, session, [request], [response]), Token);

        var stored = await history.GetMessagesAsync(session, Token);
        Assert.Equal(2, stored.Count);
        Assert.Equal("m1", stored[0].MessageId);
        Assert.Equal("ann", stored[0].AuthorName);
        Assert.Equal(new byte[] { 1, 2, 3 }, Assert.IsType<DataContent>(stored[0].Contents[1]).Data.ToArray());
        Assert.Null(stored[0].AdditionalProperties);
        var call = Assert.IsType<FunctionCallContent>(stored[1].Contents[0]);
        Assert.Equal(("call-1", "lookup"), (call.CallId, call.Name));
        Assert.Equal("done", stored[1].Text);
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        var saver = new InMemorySaver();
        Assert.Throws<ArgumentOutOfRangeException>(() => new CheckpointChatHistoryProvider(saver, new CheckpointChatHistoryProviderOptions { MaxMessages = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CheckpointChatHistoryProvider(saver, new CheckpointChatHistoryProviderOptions { MaxMessagesToRetrieve = -1 }));
        Assert.Throws<ArgumentException>(() => new CheckpointChatHistoryProvider(saver, new CheckpointChatHistoryProviderOptions { CheckpointNamespace = string.Empty }));
        Assert.Throws<ArgumentException>(() => new CheckpointChatHistoryState("nul\0"));
    }

    private static (ChatClientAgent Agent, RecordingChatClient Model, CheckpointChatHistoryProvider History) CreateAgent(
        BaseCheckpointSaver saver, CheckpointChatHistoryProviderOptions? options = null)
    {
        var model = new RecordingChatClient();
        var history = new CheckpointChatHistoryProvider(saver, options);
        var agent = new ChatClientAgent(model, new ChatClientAgentOptions { Id = "agent", ChatHistoryProvider = history });
        return (agent, model, history);
    }

    // Newest turn first, as the saver lists them.
    private static async Task<List<IReadOnlyList<ChatMessage>>> ListTurnsAsync(BaseCheckpointSaver saver, string conversationId)
    {
        var turns = new List<IReadOnlyList<ChatMessage>>();
        await foreach (var turn in saver.ListAsync(new RunConfig(conversationId, CheckpointChatHistoryProviderOptions.DefaultCheckpointNamespace), cancellationToken: Token))
        {
            turns.Add([.. (IEnumerable<ChatMessage>)turn.Checkpoint.ChannelValues["messages"]!]);
        }

        return turns;
    }
}
