using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Checkpoint.AgentFramework.Internal;
using Microsoft.Agents.AI;

namespace Checkpoint.AgentFramework;

/// <summary>
/// An Agent Framework <see cref="AgentSessionStore"/> over a <see cref="BaseStore"/>: each session is one item holding
/// the agent's serialized session (as JSON text), under namespace <c>{prefix}, agent identity, partitions...</c> and key = session id,
/// with an optional time to live.
/// </summary>
/// <remarks>
/// <para>
/// Like Agent Framework's in-memory store, sessions are isolated by agent identity (<see cref="AIAgent.Id"/> by default)
/// and by every partition of the <see cref="AgentSessionStoreKey"/>; partitions become namespace labels
/// <c>name=value</c> in name order, so their order never matters. Every lookup deserializes an independent session.
/// Saving the same key twice keeps the last save.
/// </para>
/// <para>Agent Framework marks <see cref="AgentSessionStore"/> experimental (MAAI001); so is this type.</para>
/// </remarks>
[Experimental("MAAI001")]
public sealed class CheckpointAgentSessionStore : AgentSessionStore
{
    private const string SessionField = "session";

    private readonly BaseStore _store;
    private readonly IReadOnlyList<string> _prefix;
    private readonly TimeSpan? _ttl;
    private readonly Func<AIAgent, string> _agentIdentity;

    /// <summary>Initializes a session store over <paramref name="store"/>.</summary>
    /// <param name="store">The store; not owned.</param>
    /// <param name="options">The namespace, time to live and agent identity; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The prefix is empty or not a valid namespace.</exception>
    public CheckpointAgentSessionStore(BaseStore store, CheckpointAgentSessionStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new CheckpointAgentSessionStoreOptions();
        ArgumentNullException.ThrowIfNull(options.NamespacePrefix, "options.NamespacePrefix");
        if (options.NamespacePrefix.Count == 0)
        {
            throw new ArgumentException("The namespace prefix needs at least one label.", "options.NamespacePrefix");
        }

        new StoreNamespace(options.NamespacePrefix).Validate();
        if (options.Ttl is { } ttl && ttl <= TimeSpan.Zero && ttl != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException("options.Ttl", ttl, "The time to live must be positive (or Timeout.InfiniteTimeSpan for none).");
        }

        _store = store;
        _prefix = [.. options.NamespacePrefix];
        _ttl = options.Ttl;
        _agentIdentity = options.AgentIdentity ?? (agent => agent.Id);
    }

    /// <inheritdoc />
    public override async ValueTask SaveSessionAsync(AIAgent agent, AgentSessionStoreKey key, AgentSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(session);
        var serialized = await agent.SerializeSessionAsync(session, cancellationToken: cancellationToken).ConfigureAwait(false);
        // Kept as text: some stores hold JSON in a form that reorders object keys (PostgreSQL jsonb), and a serialized
        // session needs its "$type" discriminators first.
        var value = new JsonObject { [SessionField] = serialized.GetRawText() };
        await _store.PutAsync(NamespaceOf(agent, key), key.SessionId, value, ItemIndexing.Disabled, _ttl, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async ValueTask<AgentSession?> GetSessionAsync(AIAgent agent, AgentSessionStoreKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(key);
        var item = await _store.GetAsync(NamespaceOf(agent, key), key.SessionId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return null;
        }

        if (item.Value[SessionField] is not JsonValue text || text.GetValueKind() != JsonValueKind.String)
        {
            throw new InvalidOperationException(
                $"The item of session '{key.SessionId}' in namespace {item.Namespace} has no \"{SessionField}\" text: the namespace is used by something else.");
        }

        using var serialized = JsonDocument.Parse(text.GetValue<string>());
        return await agent.DeserializeSessionAsync(serialized.RootElement, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async ValueTask DeleteSessionAsync(AIAgent agent, AgentSessionStoreKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(key);
        await _store.DeleteAsync(NamespaceOf(agent, key), key.SessionId, cancellationToken).ConfigureAwait(false);
    }

    private StoreNamespace NamespaceOf(AIAgent agent, AgentSessionStoreKey key)
    {
        List<string> labels = [.. _prefix, NamespaceLabel.Encode(_agentIdentity(agent), "agent identity")];
        if (key.Partitions is { } partitions)
        {
            foreach (var (name, value) in partitions.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                labels.Add(NamespaceLabel.Encode(name, "partition name") + "=" + NamespaceLabel.Encode(value, "partition value"));
            }
        }

        return new StoreNamespace(labels);
    }
}
