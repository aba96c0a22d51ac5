using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Checkpoint.Graph.Pregel;

/// <summary>What a root run shares with every subgraph it runs: the stream, and the answers to interrupts by interrupt id.</summary>
internal sealed class RunContext(StreamSink? sink)
{
    public StreamSink? Sink { get; } = sink;

    /// <summary>Gets the answers given with <see cref="Command.Resume(object)"/>, by interrupt id (saved as <c>__resume__</c> writes of the root checkpoint).</summary>
    public ConcurrentDictionary<string, JsonNode?> Answers { get; } = new(StringComparer.Ordinal);
}
