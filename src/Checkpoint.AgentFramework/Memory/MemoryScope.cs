using System.Text.Json.Serialization;
using Checkpoint.AgentFramework.Internal;

namespace Checkpoint.AgentFramework;

/// <summary>
/// Whose memories: a user, an agent, a session, or a combination. The scope is a store namespace
/// <c>{prefix}, "user", userId, "agent", agentId, "session", sessionId</c> with the unset parts left out, in that order, so a
/// scope searches every narrower scope below it: memories stored for <c>(user: alice, session: s1)</c> are found by a
/// search scoped to <c>(user: alice)</c>.
/// </summary>
public sealed class MemoryScope
{
    /// <summary>Initializes a scope; at least one part must be set.</summary>
    /// <param name="userId">The user, or <see langword="null"/>.</param>
    /// <param name="agentId">The agent, or <see langword="null"/>.</param>
    /// <param name="sessionId">The session, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">No part is set, or a part is empty.</exception>
    [JsonConstructor]
    public MemoryScope(string? userId = null, string? agentId = null, string? sessionId = null)
    {
        if (userId is null && agentId is null && sessionId is null)
        {
            throw new ArgumentException("A memory scope needs a user id, an agent id or a session id.", nameof(userId));
        }

        UserId = Validate(userId, nameof(userId));
        AgentId = Validate(agentId, nameof(agentId));
        SessionId = Validate(sessionId, nameof(sessionId));
    }

    /// <summary>Gets the user, or <see langword="null"/>.</summary>
    public string? UserId { get; }

    /// <summary>Gets the agent, or <see langword="null"/>.</summary>
    public string? AgentId { get; }

    /// <summary>Gets the session, or <see langword="null"/>.</summary>
    public string? SessionId { get; }

    /// <summary>Returns the store namespace of this scope under <paramref name="prefix"/>.</summary>
    /// <param name="prefix">The labels that come first, e.g. <c>memories</c>.</param>
    /// <returns>The namespace.</returns>
    public StoreNamespace ToNamespace(IEnumerable<string> prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        List<string> labels = [.. prefix];
        Add(labels, "user", UserId);
        Add(labels, "agent", AgentId);
        Add(labels, "session", SessionId);
        return new StoreNamespace(labels);
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Join(", ", new[] { ("user", UserId), ("agent", AgentId), ("session", SessionId) }.Where(p => p.Item2 is not null).Select(p => $"{p.Item1} {p.Item2}"));

    private static void Add(List<string> labels, string kind, string? id)
    {
        if (id is not null)
        {
            labels.Add(kind);
            labels.Add(NamespaceLabel.Encode(id, kind));
        }
    }

    private static string? Validate(string? id, string parameter)
    {
        if (id is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(id, parameter);
            if (id.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException("A memory scope id must not contain a NUL character.", parameter);
            }
        }

        return id;
    }
}
