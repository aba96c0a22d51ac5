using Microsoft.Agents.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Checkpoint.AgentFramework.Tests.Sessions;

public sealed class CheckpointAgentSessionStoreTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task A_saved_session_continues_after_a_restart(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var key = new AgentSessionStoreKey(NewId());
        var (agent, _) = CreateAgent("agent");
        var sessions = new CheckpointAgentSessionStore(backend.Store);
        var session = await sessions.GetOrCreateSessionAsync(agent, key, Token);
        await agent.RunAsync("hello", session, cancellationToken: Token);
        await sessions.SaveSessionAsync(agent, key, session, Token);

        await backend.ReopenAsync();
        var (restarted, model) = CreateAgent("agent");
        sessions = new CheckpointAgentSessionStore(backend.Store);
        var resumed = await sessions.GetSessionAsync(restarted, key, Token);
        Assert.NotNull(resumed);
        await restarted.RunAsync("again", resumed, cancellationToken: Token);

        // The default chat history lives in the session itself, so the conversation came back with it.
        Assert.Equal(["hello", "reply 1", "again"], model.LastMessages.Select(m => m.Text));
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Missing_sessions_are_null_and_delete_removes_a_session(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var (agent, _) = CreateAgent("agent");
        var sessions = new CheckpointAgentSessionStore(backend.Store);
        var key = new AgentSessionStoreKey(NewId());
        Assert.Null(await sessions.GetSessionAsync(agent, key, Token));
        await sessions.DeleteSessionAsync(agent, key, Token);

        await sessions.SaveSessionAsync(agent, key, await agent.CreateSessionAsync(Token), Token);
        Assert.NotNull(await sessions.GetSessionAsync(agent, key, Token));
        await sessions.DeleteSessionAsync(agent, key, Token);

        Assert.Null(await sessions.GetSessionAsync(agent, key, Token));
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Agents_and_partitions_isolate_sessions_and_partition_order_does_not_matter(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var (agent, _) = CreateAgent("agent");
        var (otherAgent, _) = CreateAgent("other.agent");
        var sessions = new CheckpointAgentSessionStore(backend.Store);
        var id = NewId();
        var key = new AgentSessionStoreKey(id, new Dictionary<string, string> { ["tenant"] = "a.b", ["user"] = "x=y%" });
        await sessions.SaveSessionAsync(agent, key, await agent.CreateSessionAsync(Token), Token);

        var reordered = new AgentSessionStoreKey(id).WithPartition("user", "x=y%").WithPartition("tenant", "a.b");
        Assert.NotNull(await sessions.GetSessionAsync(agent, reordered, Token));
        Assert.Null(await sessions.GetSessionAsync(agent, new AgentSessionStoreKey(id), Token));
        Assert.Null(await sessions.GetSessionAsync(agent, key.WithPartition("tenant", "a%2Eb"), Token));
        Assert.Null(await sessions.GetSessionAsync(agent, new AgentSessionStoreKey(id, new Dictionary<string, string> { ["tenant"] = "a.b" }), Token));
        Assert.Null(await sessions.GetSessionAsync(otherAgent, key, Token));
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Each_lookup_returns_an_independent_session(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var (agent, _) = CreateAgent("agent");
        var sessions = new CheckpointAgentSessionStore(backend.Store);
        var key = new AgentSessionStoreKey(NewId());
        await sessions.SaveSessionAsync(agent, key, await agent.CreateSessionAsync(Token), Token);

        var first = await sessions.GetSessionAsync(agent, key, Token);
        var second = await sessions.GetSessionAsync(agent, key, Token);
        first!.StateBag.SetValue("note", "only in first");

        Assert.NotSame(first, second);
        Assert.False(second!.StateBag.TryGetValue<string>("note", out _));
        Assert.False((await sessions.GetSessionAsync(agent, key, Token))!.StateBag.TryGetValue<string>("note", out _));
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Sessions_with_a_time_to_live_expire(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var (agent, _) = CreateAgent("agent");
        var sessions = new CheckpointAgentSessionStore(backend.Store, new CheckpointAgentSessionStoreOptions { Ttl = TimeSpan.FromMinutes(30) });
        var key = new AgentSessionStoreKey(NewId());
        await sessions.SaveSessionAsync(agent, key, await agent.CreateSessionAsync(Token), Token);

        backend.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.NotNull(await sessions.GetSessionAsync(agent, key, Token));
        backend.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.NotNull(await sessions.GetSessionAsync(agent, key, Token));
        backend.Clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Null(await sessions.GetSessionAsync(agent, key, Token));
    }

    [Fact]
    public async Task The_agent_identity_can_be_chosen_and_dependency_injection_registers_the_store()
    {
        var store = new InMemoryStore();
        await using var provider = new ServiceCollection()
            .AddStore(_ => store)
            .AddCheckpointAgentSessionStore(options => options.AgentIdentity = agent => agent.Name ?? agent.Id)
            .BuildServiceProvider();
        var sessions = provider.GetRequiredService<AgentSessionStore>();
        Assert.Same(provider.GetRequiredService<CheckpointAgentSessionStore>(), sessions);

        // Two instances of the "same" agent with random ids share sessions through their name.
        var first = new ChatClientAgent(new RecordingChatClient(), new ChatClientAgentOptions { Name = "helper" });
        var second = new ChatClientAgent(new RecordingChatClient(), new ChatClientAgentOptions { Name = "helper" });
        var key = new AgentSessionStoreKey("s");
        await sessions.SaveSessionAsync(first, key, await first.CreateSessionAsync(Token), Token);

        Assert.NotEqual(first.Id, second.Id);
        Assert.NotNull(await sessions.GetSessionAsync(second, key, Token));
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CheckpointAgentSessionStore(new InMemoryStore(), new CheckpointAgentSessionStoreOptions { Ttl = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => new CheckpointAgentSessionStore(new InMemoryStore(), new CheckpointAgentSessionStoreOptions { NamespacePrefix = [] }));
        Assert.Throws<InvalidNamespaceException>(() => new CheckpointAgentSessionStore(new InMemoryStore(), new CheckpointAgentSessionStoreOptions { NamespacePrefix = ["langgraph"] }));
    }

    private static (ChatClientAgent Agent, RecordingChatClient Model) CreateAgent(string id)
    {
        var model = new RecordingChatClient();
        return (new ChatClientAgent(model, new ChatClientAgentOptions { Id = id }), model);
    }

    private static string NewId() => "session-" + Guid.NewGuid().ToString("N");
}
