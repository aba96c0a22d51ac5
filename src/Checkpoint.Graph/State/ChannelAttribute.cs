namespace Checkpoint.Graph;

/// <summary>
/// Names the channel behind a state property. Without it the channel is the property name in snake_case
/// (<c>Messages</c> is <c>messages</c>, <c>UserName</c> is <c>user_name</c>), as in LangGraph state schemas.
/// </summary>
/// <param name="name">The channel name: not empty, no <c>:</c> or <c>|</c>, not starting with <c>__</c>.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class ChannelAttribute(string name) : Attribute
{
    /// <summary>Gets the channel name.</summary>
    public string Name { get; } = name;
}
