namespace Checkpoint.Graph.Pregel;

/// <summary>Where a run's stream events go: the modes the caller asked for, and the consumer.</summary>
internal sealed class StreamSink(StreamMode modes, Action<StreamEvent> write)
{
    public StreamMode Modes { get; } = modes;

    public bool Wants(StreamMode mode) => (Modes & mode) != 0;

    public void Emit(StreamEvent streamEvent)
    {
        if (Wants(streamEvent.Mode))
        {
            write(streamEvent);
        }
    }
}
