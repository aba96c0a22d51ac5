namespace Checkpoint.Graph.Channels;

/// <summary>
/// One named slot of graph state with its update rule (LangGraph's <c>BaseChannel</c>). The loop applies every write of a
/// superstep at once, so a channel sees all of a step's values for it in one <see cref="Update"/> call.
/// </summary>
internal abstract class Channel(string name)
{
    public string Name { get; } = name;

    /// <summary>Gets whether the channel holds a value that nodes can read and that can trigger them.</summary>
    public abstract bool IsAvailable { get; }

    /// <summary>Returns the current value.</summary>
    /// <exception cref="InvalidOperationException">The channel is empty.</exception>
    public abstract object? Get();

    /// <summary>Applies the writes of one step; an empty list means "a step passed without writes".</summary>
    /// <returns>Whether the value changed (the loop then gives the channel a new version).</returns>
    public abstract bool Update(IReadOnlyList<object?> values);

    /// <summary>Marks the value as read by the task it triggered; returns whether that changed the channel.</summary>
    public virtual bool Consume() => false;

    /// <summary>Returns the value to store in a checkpoint, when there is one.</summary>
    public abstract bool TryGetCheckpoint(out object? value);

    /// <summary>Restores the value a checkpoint stored.</summary>
    public abstract void Restore(object? value);

    /// <summary>Returns an independent copy (used to evaluate routers on a task's own writes).</summary>
    public abstract Channel Clone();

    protected InvalidOperationException Empty() => new($"Channel '{Name}' has no value yet.");
}
