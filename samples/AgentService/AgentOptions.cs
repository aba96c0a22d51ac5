namespace AgentService;

/// <summary>Who the agent talks to (section <c>Agent</c> of appsettings.json).</summary>
public sealed class AgentOptions
{
    /// <summary>Gets or sets the conversation's thread: its checkpoints hold the short-term memory.</summary>
    public string ThreadId { get; set; } = "support-42";

    /// <summary>Gets or sets the user: the store keeps the long-term memory under <c>("memories", UserId)</c>.</summary>
    public string UserId { get; set; } = "ada";
}
