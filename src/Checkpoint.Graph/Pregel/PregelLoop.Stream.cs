using Checkpoint.Graph.Channels;
using Microsoft.Extensions.AI;

namespace Checkpoint.Graph.Pregel;

internal sealed partial class PregelLoop
{
    /// <summary>Gets the stream of a root graph; a subgraph's progress is not streamed (LangGraph's default, without <c>subgraphs=True</c>).</summary>
    private StreamSink? Sink => scope.IsRoot ? scope.Run.Sink : null;

    private void EmitValues(HashSet<string> updated)
    {
        if (graph.StateChannels.Any(updated.Contains))
        {
            EmitState(_channels, []);
        }
    }

    private void EmitState(IReadOnlyDictionary<string, Channel> channels, IReadOnlyList<Interrupt> interrupts)
    {
        if (Sink is { } sink && sink.Wants(StreamMode.Values))
        {
            sink.Emit(new StreamEvent(StreamMode.Values, _step, null) { Values = graph.ReadState(channels), Interrupts = interrupts });
        }
    }

    private void EmitUpdate(string node, IReadOnlyList<ChannelWrite> writes)
    {
        if (Sink is { } sink && sink.Wants(StreamMode.Updates))
        {
            sink.Emit(new StreamEvent(StreamMode.Updates, _step, node) { Values = StateWrites(writes) });
        }
    }

    private void EmitInterruptUpdate(IReadOnlyList<Interrupt> interrupts) =>
        Sink?.Emit(new StreamEvent(StreamMode.Updates, _step, Reserved.InterruptNode) { Values = new Dictionary<string, object?>(), Interrupts = interrupts });

    private void EmitTaskStart(PregelTask task) =>
        Sink?.Emit(new StreamEvent(StreamMode.Tasks, _step, task.Name) { Task = new TaskEvent(task.Id, task.Name, task.Triggers, false, null, null, []) });

    private void EmitTaskResult(PregelTask task) =>
        Sink?.Emit(new StreamEvent(StreamMode.Tasks, _step, task.Name)
        {
            Task = new TaskEvent(
                task.Id,
                task.Name,
                task.Triggers,
                true,
                task.Writes is null ? null : StateWrites(task.Writes),
                task.Error is null ? null : $"{task.Error.GetType().Name}: {task.Error.Message}",
                task.Interrupts ?? []),
        });

    /// <summary>
    /// Streams the chat messages a node returned that it did not already stream token by token (LangGraph streams messages
    /// found in node outputs, each once, by id); messages the node received in its state are not streamed again.
    /// </summary>
    private void EmitOutputMessages(NodeContext context, IReadOnlyList<ChannelWrite> writes)
    {
        if (!context.StreamsMessages)
        {
            return;
        }

        foreach (var (channel, value) in writes)
        {
            var known = _channels.TryGetValue(channel, out var current) && current.IsAvailable && current.Get() is IEnumerable<ChatMessage> input
                ? input.Select(m => m.MessageId).OfType<string>().ToHashSet(StringComparer.Ordinal)
                : [];
            IEnumerable<ChatMessage> messages = value switch
            {
                ChatMessage message => [message],
                IEnumerable<ChatMessage> list => list,
                _ => [],
            };
            foreach (var message in messages)
            {
                if (message.MessageId is { } id && (known.Contains(id) || context.StreamedMessageIds.Contains(id)))
                {
                    continue;
                }

                context.EmitMessage(new ChatResponseUpdate(message.Role, message.Contents)
                {
                    MessageId = message.MessageId,
                    AuthorName = message.AuthorName,
                    AdditionalProperties = message.AdditionalProperties,
                });
            }
        }
    }

    /// <summary>LangGraph's <c>checkpoints</c> event: the checkpoint the step runs against, with its tasks, at the start of the step.</summary>
    private void EmitCheckpoint()
    {
        if (scope.Saver is null || Sink is not { } sink || !sink.Wants(StreamMode.Checkpoints))
        {
            return;
        }

        var tasks = _tasks.Select(t => new TaskData(t.Id, t.Name, null, [], t.Writes is null ? null : StateWrites(t.Writes), SubgraphConfig(t))).ToList();
        var snapshot = new SnapshotData(
            graph.ReadState(_channels),
            [.. _tasks.Where(t => t.Writes is null).Select(t => t.Name)],
            _checkpointConfig,
            _metadata,
            _checkpoint.TryGetTimestamp(),
            _parentConfig,
            tasks,
            []);
        sink.Emit(new StreamEvent(StreamMode.Checkpoints, _step, null) { Snapshot = snapshot });
    }

    private RunConfig? SubgraphConfig(PregelTask task) => task.Node.Subgraph?.SubgraphNamespace(task.Namespace) is { } ns
        ? new RunConfig(scope.Config.ThreadId, ns)
        : null;

    private Dictionary<string, object?> StateWrites(IReadOnlyList<ChannelWrite> writes)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var write in writes)
        {
            if (graph.StateChannels.Contains(write.Channel))
            {
                values[write.Channel] = write.Value;
            }
        }

        return values;
    }
}
