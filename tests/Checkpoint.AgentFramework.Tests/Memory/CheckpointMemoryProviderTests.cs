using Checkpoint.ConformanceSuite;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace Checkpoint.AgentFramework.Tests.Memory;

public sealed class CheckpointMemoryProviderTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task What_a_user_said_in_one_session_reaches_the_next_session_as_instructions(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var user = NewId("user");
        var (agent, model, _) = CreateAgent(backend.Store, _ => new CheckpointMemoryState(new MemoryScope(userId: user)));
        await agent.RunAsync("My favourite colour is teal.", await agent.CreateSessionAsync(Token), cancellationToken: Token);

        await backend.ReopenAsync();
        (agent, model, _) = CreateAgent(backend.Store, _ => new CheckpointMemoryState(new MemoryScope(userId: user)));
        await agent.RunAsync("Which colour is my favourite?", await agent.CreateSessionAsync(Token), cancellationToken: Token);

        Assert.Contains("- My favourite colour is teal.", model.Calls[^1].Options?.Instructions, StringComparison.Ordinal);
        var stored = await backend.Store.SearchAsync(new StoreNamespace(["memories", "user", user]), cancellationToken: Token).ToListAsync(Token);
        Assert.Equal(["My favourite colour is teal.", "Which colour is my favourite?"], stored.Select(i => (string?)i.Value["text"]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Injected_memories_do_not_become_chat_history(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var user = NewId("user");
        var history = new CheckpointChatHistoryProvider(backend.Saver);
        var (agent, model, _) = CreateAgent(backend.Store, _ => new CheckpointMemoryState(new MemoryScope(userId: user)), history: history);
        var session = await agent.CreateSessionAsync(Token);
        await agent.RunAsync("I live in Lisbon.", session, cancellationToken: Token);
        await agent.RunAsync("Where do I live?", session, cancellationToken: Token);

        Assert.Contains("I live in Lisbon.", model.Calls[^1].Options?.Instructions, StringComparison.Ordinal);
        Assert.Equal(["I live in Lisbon.", "reply 1", "Where do I live?", "reply 2"], (await history.GetMessagesAsync(session, Token)).Select(m => m.Text));
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Scopes_keep_users_apart_and_a_wider_scope_finds_narrower_memories(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var (alice, bob) = (NewId("a.li%ce="), NewId("a.li%ce"));
        var storage = new CheckpointMemoryProvider(backend.Store, _ => new CheckpointMemoryState(new MemoryScope(userId: alice, sessionId: "s.1")));
        var other = new CheckpointMemoryProvider(backend.Store, _ => new CheckpointMemoryState(new MemoryScope(userId: bob)));
        var wide = new CheckpointMemoryProvider(backend.Store, _ => new CheckpointMemoryState(new MemoryScope(userId: alice, sessionId: "s.2"), new MemoryScope(userId: alice)));
        await storage.RememberAsync(null, [new MemoryRecord("Alice plays the cello.")], Token);
        await other.RememberAsync(null, [new MemoryRecord("Bob plays the cello too.")], Token);

        Assert.Equal(["Alice plays the cello."], (await wide.SearchAsync(null, "cello", Token)).Select(i => (string?)i.Value["text"]));
        Assert.Equal(["Bob plays the cello too."], (await other.SearchAsync(null, "cello", Token)).Select(i => (string?)i.Value["text"]));
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task On_demand_mode_gives_the_model_a_search_function_instead_of_instructions(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var user = NewId("user");
        var (agent, model, memory) = CreateAgent(
            backend.Store,
            _ => new CheckpointMemoryState(new MemoryScope(userId: user)),
            new CheckpointMemoryProviderOptions { SearchBehavior = MemorySearchBehavior.OnDemandFunction, FunctionName = "recall" });
        await memory.RememberAsync(null, [new MemoryRecord("The user's dog is called Rex.")], Token);

        await agent.RunAsync("What is my dog called?", await agent.CreateSessionAsync(Token), cancellationToken: Token);

        var options = model.Calls[^1].Options;
        Assert.DoesNotContain("Rex", options?.Instructions ?? string.Empty, StringComparison.Ordinal);
        var recall = Assert.IsAssignableFrom<AIFunction>(Assert.Single(options!.Tools!, t => t.Name == "recall"));
        var found = await recall.InvokeAsync(new AIFunctionArguments { ["query"] = "dog called" }, Token);
        Assert.Contains("The user's dog is called Rex.", found?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task The_extractor_decides_what_is_remembered_and_a_key_replaces_the_older_memory(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var user = NewId("user");
        var options = new CheckpointMemoryProviderOptions
        {
            Extractor = (context, _) => ValueTask.FromResult<IReadOnlyList<MemoryRecord>>(
                [.. context.RequestMessages.Where(m => m.Text.StartsWith("Call me ", StringComparison.Ordinal))
                    .Select(m => new MemoryRecord($"The user wants to be called {m.Text[8..]}", Key: "nickname", Properties: new() { ["source"] = context.Scope.UserId }))]),
        };
        var (agent, _, memory) = CreateAgent(backend.Store, _ => new CheckpointMemoryState(new MemoryScope(userId: user)), options);
        var session = await agent.CreateSessionAsync(Token);
        await agent.RunAsync("Call me Max", session, cancellationToken: Token);
        await agent.RunAsync("Nothing to remember here", session, cancellationToken: Token);
        await agent.RunAsync("Call me Maxine", session, cancellationToken: Token);

        var stored = await backend.Store.SearchAsync(new StoreNamespace(["memories", "user", user]), cancellationToken: Token).ToListAsync(Token);
        var item = Assert.Single(stored);
        Assert.Equal("nickname", item.Key);
        Assert.Equal("The user wants to be called Maxine", (string?)item.Value["text"]);
        Assert.Equal(user, (string?)item.Value["source"]);
        Assert.Single(await memory.SearchAsync(session, "called", Token));
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Memories_with_a_time_to_live_expire(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var scope = new CheckpointMemoryState(new MemoryScope(agentId: NewId("agent")));
        var memory = new CheckpointMemoryProvider(backend.Store, _ => scope, new CheckpointMemoryProviderOptions { Ttl = TimeSpan.FromHours(1) });
        await memory.RememberAsync(null, [new MemoryRecord("A passing thought.")], Token);
        Assert.Single(await memory.SearchAsync(null, "thought", Token));

        backend.Clock.Advance(TimeSpan.FromHours(2));

        Assert.Empty(await memory.SearchAsync(null, "thought", Token));
    }

    [Fact]
    public async Task A_failing_memory_store_is_logged_and_the_run_goes_on_unless_told_to_fail()
    {
        var broken = new InMemoryStore(new StoreOptions { Index = new StoreIndexOptions { EmbeddingGenerator = new FailingEmbeddings(), Dimensions = 8 } });
        var scope = new CheckpointMemoryState(new MemoryScope(userId: "u"));
        var (tolerant, _, _) = CreateAgent(broken, _ => scope);
        var response = await tolerant.RunAsync("hello", await tolerant.CreateSessionAsync(Token), cancellationToken: Token);
        Assert.Equal("reply 1", response.Text);

        var (strict, _, _) = CreateAgent(broken, _ => scope, new CheckpointMemoryProviderOptions { ThrowOnError = true });
        var session = await strict.CreateSessionAsync(Token);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => strict.RunAsync("hello", session, cancellationToken: Token));
        Assert.Equal("The embedding service is down.", error.Message);
    }

    [Fact]
    public void Bad_configuration_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new CheckpointMemoryProvider(new InMemoryStore(), _ => new CheckpointMemoryState(new MemoryScope(userId: "u"))));
        var store = new InMemoryStore(new StoreOptions { Index = new StoreIndexOptions { EmbeddingGenerator = new FakeEmbeddingGenerator(), Dimensions = 64 } });
        Assert.Throws<ArgumentOutOfRangeException>(() => new CheckpointMemoryProvider(store, _ => null!, new CheckpointMemoryProviderOptions { MaxResults = 0 }));
        Assert.Throws<InvalidNamespaceException>(() => new CheckpointMemoryProvider(store, _ => null!, new CheckpointMemoryProviderOptions { NamespacePrefix = ["has.dot"] }));
        Assert.Throws<ArgumentException>(() => new MemoryScope());
        Assert.Throws<ArgumentException>(() => new MemoryScope(userId: string.Empty));
    }

    private static (ChatClientAgent Agent, RecordingChatClient Model, CheckpointMemoryProvider Memory) CreateAgent(
        BaseStore store, Func<AgentSession?, CheckpointMemoryState> state, CheckpointMemoryProviderOptions? options = null, ChatHistoryProvider? history = null)
    {
        var model = new RecordingChatClient();
        var memory = new CheckpointMemoryProvider(store, state, options);
        var agent = new ChatClientAgent(model, new ChatClientAgentOptions { Id = "agent", ChatHistoryProvider = history, AIContextProviders = [memory] });
        return (agent, model, memory);
    }

    private static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N");

    private sealed class FailingEmbeddings : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The embedding service is down.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
