using System.Globalization;
using System.Text.Json.Nodes;
using Checkpoint.Graph.Pregel;
using Checkpoint.Graph.State;
using Microsoft.Extensions.AI;

namespace Checkpoint.Graph;

/// <summary>
/// What a node (or an entrypoint, or a task) can reach while it runs: the run config with <c>thread_id</c> and any extra
/// keys such as <c>user_id</c>, the long-term memory store, the identity of the running task, <see cref="Interrupt(object?)"/>
/// to wait for a human, and <see cref="StreamWriter"/> for custom stream output.
/// </summary>
/// <remarks>
/// Read extra config keys with <c>context.Config.Get&lt;string&gt;("user_id")</c>. The store is the one passed to
/// <c>Compile</c> (a subgraph without its own uses its parent's). Code that has no context parameter (a tool, a helper)
/// reaches the running node's context through <see cref="Current"/>.
/// </remarks>
public sealed class NodeContext
{
    private static readonly AsyncLocal<NodeContext?> Running = new();

    private readonly PregelLoop _loop;
    private readonly Lock _lock = new();
    private readonly List<JsonNode?> _answers;
    private readonly int _savedAnswers;
    private IReadOnlyDictionary<string, object?>? _metadata;
    private Action<object?>? _streamWriter;
    private int _interrupts;
    private int _calls;

    internal NodeContext(PregelLoop loop, string nodeName, string taskId, string taskPath, string taskNamespace, int step, IReadOnlyList<string> triggers)
    {
        _loop = loop;
        Scope = loop.Scope;
        NodeName = nodeName;
        TaskId = taskId;
        TaskPath = taskPath;
        TaskNamespace = taskNamespace;
        Step = step;
        Triggers = triggers;
        _answers = loop.SavedAnswers(taskId);
        _savedAnswers = _answers.Count;
    }

    /// <summary>Gets the context of the node, entrypoint or task running on this asynchronous flow, or <see langword="null"/> outside a run.</summary>
    public static NodeContext? Current => Running.Value;

    /// <summary>Gets the run config: <c>thread_id</c>, this graph's <c>checkpoint_ns</c> and every key the caller added.</summary>
    public RunConfig Config => Scope.Config;

    /// <summary>Gets the store passed to <c>Compile</c>.</summary>
    /// <exception cref="InvalidOperationException">The graph was compiled without a store.</exception>
    public BaseStore Store => Scope.Store ?? throw new InvalidOperationException(
        $"Node '{NodeName}' asked for the store, but the graph was compiled without one: pass it to Compile(checkpointer, store).");

    /// <summary>Gets whether a store is available through <see cref="Store"/>.</summary>
    public bool HasStore => Scope.Store is not null;

    /// <summary>Gets the name of the running node (or task).</summary>
    public string NodeName { get; }

    /// <summary>Gets the id of the running task: stable when the same step is resumed, so it can key idempotent side effects.</summary>
    public string TaskId { get; }

    /// <summary>Gets the superstep the task belongs to.</summary>
    public int Step { get; }

    /// <summary>Gets the token that cancels the run.</summary>
    public CancellationToken CancellationToken => Scope.CancellationToken;

    /// <summary>
    /// Gets a function that sends anything to the caller of <c>Stream</c> with <see cref="StreamMode.Custom"/>
    /// (LangGraph's <c>get_stream_writer()</c>), e.g. progress of a long tool call. It does nothing when the caller did
    /// not ask for custom output.
    /// </summary>
    public Action<object?> StreamWriter => _streamWriter ??= Sink is { } sink && sink.Wants(StreamMode.Custom)
        ? value => sink.Emit(new StreamEvent(StreamMode.Custom, Step, NodeName) { Custom = value, Metadata = MessageMetadata })
        : static _ => { };

    internal RunScope Scope { get; }

    internal string TaskPath { get; }

    /// <summary>Gets the task's namespace (<c>node:taskId</c> under its graph's): subgraphs it runs and its interrupt ids derive from it.</summary>
    internal string TaskNamespace { get; }

    internal IReadOnlyList<string> Triggers { get; }

    /// <summary>Gets the loop that runs the task.</summary>
    internal PregelLoop Loop => _loop;

    /// <summary>Gets the checkpoint the task runs against (the parent of subgraphs it starts).</summary>
    internal string? CheckpointId => _loop.CheckpointConfig.CheckpointId;

    /// <summary>Gets the stream of a root graph's task; subgraphs do not stream.</summary>
    internal StreamSink? Sink => Scope.IsRoot ? Scope.Run.Sink : null;

    /// <summary>Gets whether the caller streams chat messages (<see cref="StreamMode.Messages"/>).</summary>
    internal bool StreamsMessages => Sink?.Wants(StreamMode.Messages) == true;

    /// <summary>Gets the ids of the messages this task streamed token by token, so its output does not stream them again.</summary>
    internal HashSet<string> StreamedMessageIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets LangGraph's metadata of a streamed message: <c>langgraph_node</c>, <c>langgraph_step</c>, ...</summary>
    internal IReadOnlyDictionary<string, object?> MessageMetadata => _metadata ??= new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["thread_id"] = Config.ThreadId,
        ["langgraph_step"] = Step,
        ["langgraph_node"] = NodeName,
        ["langgraph_triggers"] = Triggers.ToList(),
        ["langgraph_path"] = TaskPath,
        ["langgraph_checkpoint_ns"] = TaskNamespace,
        ["checkpoint_ns"] = TaskNamespace,
    };

    /// <summary>
    /// Pauses the run to ask a human (LangGraph's <c>interrupt(value)</c>): the first time, the run stops here, saves the
    /// interrupt with <paramref name="value"/> and returns it to the caller; when the caller resumes with
    /// <c>Command.Resume(answer)</c>, the node runs again from its start and this call returns the answer.
    /// </summary>
    /// <remarks>
    /// A node may call it several times: each call is answered by its own resume, in order. Code before a call runs again
    /// on every resume, so keep side effects after the calls, or in a task (<see cref="Entrypoint.DefineTask{TInput, TOutput}(string, Func{TInput, CancellationToken, Task{TOutput}})"/>)
    /// whose result is saved. Make the calls in the same order on every run, one at a time.
    /// </remarks>
    /// <param name="value">What to show the human (stored as JSON: a string, a record, a dictionary, ...).</param>
    /// <returns>The answer, as JSON.</returns>
    /// <exception cref="GraphInterruptException">Always on the first call: lets the runtime pause the run. Do not catch it.</exception>
    /// <exception cref="InvalidOperationException">The graph has no checkpointer, so the run could not be resumed.</exception>
    public JsonNode? Interrupt(object? value)
    {
        if (Scope.Saver is null)
        {
            throw new InvalidOperationException(
                $"Node '{NodeName}' called Interrupt, but the graph has no checkpointer, so the run could never be resumed. " +
                "Compile the graph with one (e.g. Compile(new InMemorySaver())); a subgraph compiled with checkpointer: false cannot interrupt.");
        }

        lock (_lock)
        {
            var index = _interrupts++;
            if (index < _answers.Count)
            {
                return _answers[index]?.DeepClone();
            }

            var id = TaskIds.ForInterrupt(TaskNamespace, index);
            if (Scope.Run.TryAnswer(id, out var answer))
            {
                _answers.Add(answer?.DeepClone());
                return answer?.DeepClone();
            }

            throw new GraphInterruptException([new Interrupt(id, Packets.ToJson(value, "interrupt value"))]);
        }
    }

    /// <summary>Pauses the run to ask a human, and reads the answer as <typeparamref name="T"/>; see <see cref="Interrupt(object?)"/>.</summary>
    /// <typeparam name="T">The answer's type (e.g. <see cref="string"/>, or a record the caller resumes with).</typeparam>
    /// <param name="value">What to show the human.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="GraphInterruptException">Always on the first call: lets the runtime pause the run. Do not catch it.</exception>
    /// <exception cref="InvalidOperationException">The graph has no checkpointer, or the answer cannot be read as <typeparamref name="T"/>.</exception>
    public T Interrupt<T>(object? value) => (T)ValueConversion.ToPropertyValue(Interrupt(value), typeof(T), "interrupt answer")!;

    /// <summary>Makes this the <see cref="Current"/> context for the rest of the calling asynchronous method.</summary>
    internal void MakeCurrent() => Running.Value = this;

    /// <summary>The write that saves the answers this task consumed, when it consumed new ones.</summary>
    internal ChannelWrite? ResumeWrite()
    {
        lock (_lock)
        {
            return _answers.Count > _savedAnswers ? new ChannelWrite(SpecialChannels.Resume, new JsonArray([.. _answers.Select(a => a?.DeepClone())])) : null;
        }
    }

    /// <summary>Sends one chunk of a chat response to the caller's messages stream.</summary>
    internal void EmitMessage(ChatResponseUpdate update)
    {
        if (update.MessageId is { } id)
        {
            lock (StreamedMessageIds)
            {
                StreamedMessageIds.Add(id);
            }
        }

        Sink?.Emit(new StreamEvent(StreamMode.Messages, Step, NodeName) { Message = update, Metadata = MessageMetadata });
    }

    /// <summary>Streams a functional task's result as an update (<c>{task: result}</c>), as LangGraph does.</summary>
    internal void EmitCallResult(string name, object? result) =>
        Sink?.Emit(new StreamEvent(StreamMode.Updates, Step, name) { Values = new Dictionary<string, object?>(StringComparer.Ordinal) { [name] = result } });

    /// <summary>Reserves the next call index; calls made in the same order on a resumed run get the same indexes.</summary>
    internal int NextCallIndex() => Interlocked.Increment(ref _calls) - 1;

    /// <summary>The context of a functional-API task called from this one.</summary>
    internal NodeContext ForCall(string name, string callId, string callPath) =>
        new(_loop, name, callId, callPath, TaskIds.TaskNamespace(TaskNamespace, name, callId), Step, []);

    /// <summary>Finds the saved result of a task call made before a failure or an interrupt.</summary>
    internal bool TryGetCachedResult(string taskId, out object? value)
    {
        foreach (var write in _loop.PendingWrites)
        {
            if (write.TaskId == taskId && write.Channel == Reserved.Return)
            {
                value = write.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>Saves the writes of a task call against the current checkpoint, as the run's durability says.</summary>
    internal ValueTask SaveWritesAsync(string taskId, string taskPath, IReadOnlyList<ChannelWrite> writes) => _loop.SaveWritesAsync(taskId, taskPath, writes);


    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{NodeName} (task {TaskId}, step {Step})");
}
