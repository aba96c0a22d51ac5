using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Checkpoint.Graph.Pregel;

/// <summary>What a root run shares with every subgraph it runs: the stream, and the answers to interrupts.</summary>
internal sealed class RunContext(StreamSink? sink)
{
    private string? _singleId;
    private JsonNode? _single;
    private int _singleUsed;

    public StreamSink? Sink { get; } = sink;

    /// <summary>Gets the answers given with <see cref="Command.Resume(object)"/>, by interrupt id (saved as <c>__resume__</c> writes of the root checkpoint).</summary>
    public ConcurrentDictionary<string, JsonNode?> Answers { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Records the run's single answer (<c>Command.Resume(value)</c>), which LangGraph gives to the first interrupt the run
    /// reaches: if the paused task became another task (its checkpoint was updated with <c>UpdateState</c>), its
    /// interrupt has a new id, and still gets the answer.
    /// </summary>
    public void SetSingleAnswer(string id, JsonNode? value) => (_singleId, _single) = (id, value);

    /// <summary>Finds the answer to an interrupt: by its id, else the single answer if no interrupt used it yet.</summary>
    public bool TryAnswer(string interruptId, out JsonNode? answer)
    {
        if (Answers.TryGetValue(interruptId, out answer))
        {
            if (interruptId == _singleId)
            {
                Interlocked.Exchange(ref _singleUsed, 1);
            }

            return true;
        }

        if (_singleId is not null && Interlocked.Exchange(ref _singleUsed, 1) == 0)
        {
            answer = _single?.DeepClone();
            return true;
        }

        return false;
    }
}
