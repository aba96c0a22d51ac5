namespace Checkpoint.Providers;

/// <summary>A serialized pending write (one row of LangGraph's <c>checkpoint_writes</c>).</summary>
/// <param name="TaskId">The task that produced the write.</param>
/// <param name="TaskPath">The task's path in the graph; empty for writes that come from the graph input.</param>
/// <param name="Index">The write index: the position in its call, or the fixed negative index of a special channel (see <see cref="SpecialChannels"/>).</param>
/// <param name="Channel">The channel written to.</param>
/// <param name="Value">The serialized value.</param>
public sealed record SerializedWrite(string TaskId, string TaskPath, int Index, string Channel, SerializedValue Value)
{
    /// <summary>Gets whether this write is upserted (special channel, negative index) rather than insert-if-absent.</summary>
    public bool IsUpsert => Index < 0;
}
