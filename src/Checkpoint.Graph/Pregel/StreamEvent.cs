using Microsoft.Extensions.AI;

namespace Checkpoint.Graph.Pregel;

/// <summary>Something a run reports while it goes; the typed graph turns it into a <see cref="StreamChunk{TState}"/>.</summary>
internal sealed class StreamEvent(StreamMode mode, int step, string? node)
{
    public StreamMode Mode { get; } = mode;

    public int Step { get; } = step;

    public string? Node { get; } = node;

    /// <summary>Gets the state channels (values) or the node's writes by channel (updates).</summary>
    public IReadOnlyDictionary<string, object?>? Values { get; init; }

    public IReadOnlyList<Interrupt> Interrupts { get; init; } = [];

    public ChatResponseUpdate? Message { get; init; }

    public IReadOnlyDictionary<string, object?>? Metadata { get; init; }

    public object? Custom { get; init; }

    public SnapshotData? Snapshot { get; init; }

    public TaskEvent? Task { get; init; }

}
