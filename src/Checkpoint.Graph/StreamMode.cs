namespace Checkpoint.Graph;

/// <summary>What <c>Stream</c> reports; combine with <c>|</c>.</summary>
[Flags]
public enum StreamMode
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>The whole state after every step that changed it (the input first).</summary>
    Values = 1,

    /// <summary>Each node's update, by node, as nodes finish.</summary>
    Updates = 2,
}
