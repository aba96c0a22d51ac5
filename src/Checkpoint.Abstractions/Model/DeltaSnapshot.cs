namespace Checkpoint;

/// <summary>
/// A full value of a delta channel, stored every few updates so that the channel's state can be rebuilt
/// from the nearest snapshot plus the writes after it (LangGraph's <c>_DeltaSnapshot</c>).
/// </summary>
/// <param name="Value">The channel value at the time of the snapshot.</param>
public sealed record DeltaSnapshot(object? Value);
