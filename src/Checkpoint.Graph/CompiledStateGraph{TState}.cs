using System.Runtime.CompilerServices;
using Checkpoint.Graph.Pregel;
using Checkpoint.Graph.State;

namespace Checkpoint.Graph;

/// <summary>
/// A compiled <see cref="StateGraph{TState}"/>: run it with <c>Invoke</c>, <c>Run</c> or <c>Stream</c> on a thread, read
/// and change the thread's state with <c>GetState</c>, <c>GetStateHistory</c> and <c>UpdateState</c>, or add it to a
/// parent graph as a node.
/// </summary>
/// <remarks>
/// <para>
/// Each run goes in supersteps: every node triggered by the previous step runs (in parallel on the async path), each
/// finished node's update is saved as a pending write, and when the step is done the updates are applied and a
/// checkpoint is saved. A run that fails mid-step is resumed with <c>Invoke(null, config)</c> and does not re-run the
/// nodes that finished.
/// </para>
/// <para>
/// A node that calls <see cref="NodeContext.Interrupt(object?)"/>, or a breakpoint, pauses the run: <c>Run</c> returns the
/// interrupts, and <c>Invoke(Command.Resume(answer), config)</c> continues it.
/// </para>
/// <para>
/// A config with <c>thread_id</c> continues that thread from its latest checkpoint; a config that also names a
/// <c>checkpoint_id</c> continues from that older checkpoint instead, forking the thread (time travel).
/// </para>
/// </remarks>
/// <typeparam name="TState">The state type.</typeparam>
public sealed partial class CompiledStateGraph<TState> : CompiledGraph
    where TState : class, new()
{
    internal CompiledStateGraph(PregelGraph pregel, CheckpointerMode mode, BaseCheckpointSaver? checkpointer, BaseStore? store)
        : base(pregel, mode, checkpointer, store)
    {
        ValidateCheckpointer();
    }

    private static StateSchema<TState> Schema => StateSchema<TState>.Instance;

    /// <summary>Runs the graph until it completes or pauses.</summary>
    /// <param name="input">
    /// The update to apply first (e.g. the new user message); <see langword="null"/> continues the thread where it stopped
    /// (after a failure or a breakpoint); a <see cref="Command"/> resumes interrupts.
    /// </param>
    /// <param name="config">The thread (<c>RunConfig.ForThread("1")</c>) plus any keys nodes read, such as <c>user_id</c>; required with a checkpointer.</param>
    /// <returns>The state when the run ended; use <see cref="Run"/> to also get the interrupts of a paused run.</returns>
    /// <exception cref="ArgumentException">The graph has a checkpointer and the config has no <c>thread_id</c>.</exception>
    /// <exception cref="GraphRecursionException">The run reached its step limit.</exception>
    public TState Invoke(StateUpdate<TState>? input, RunConfig? config = null) => Run(input, config).Value;

    /// <summary>Asynchronously runs the graph until it completes or pauses; parallel nodes run concurrently.</summary>
    /// <param name="input">The update to apply first; <see langword="null"/> continues the thread; a <see cref="Command"/> resumes interrupts.</param>
    /// <param name="config">The thread plus any keys nodes read; required with a checkpointer.</param>
    /// <param name="cancellationToken">A token to cancel the run; completed steps stay checkpointed.</param>
    /// <returns>The state when the run ended.</returns>
    /// <exception cref="ArgumentException">The graph has a checkpointer and the config has no <c>thread_id</c>.</exception>
    /// <exception cref="GraphRecursionException">The run reached its step limit.</exception>
    public async Task<TState> InvokeAsync(StateUpdate<TState>? input, RunConfig? config = null, CancellationToken cancellationToken = default) =>
        (await RunAsync(input, config, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>
    /// Runs the graph until it completes or pauses, and returns the state with the interrupts that paused it
    /// (LangGraph's <c>invoke(..., version="v2")</c>).
    /// </summary>
    /// <param name="input">The update to apply first; <see langword="null"/> continues the thread; a <see cref="Command"/> resumes interrupts.</param>
    /// <param name="config">The thread plus any keys nodes read; required with a checkpointer.</param>
    /// <returns>The state, the pending interrupts and the nodes that run when the thread is resumed.</returns>
    /// <exception cref="ArgumentException">The graph has a checkpointer and the config has no <c>thread_id</c>.</exception>
    /// <exception cref="GraphRecursionException">The run reached its step limit.</exception>
    public GraphOutput<TState> Run(StateUpdate<TState>? input, RunConfig? config = null) =>
        ToOutput(SyncPath.Wait(RunToEndAsync(ToRunInput(input), config, isAsync: false, CancellationToken.None)));

    /// <summary>Asynchronously runs the graph until it completes or pauses; see <see cref="Run"/>.</summary>
    /// <param name="input">The update to apply first; <see langword="null"/> continues the thread; a <see cref="Command"/> resumes interrupts.</param>
    /// <param name="config">The thread plus any keys nodes read; required with a checkpointer.</param>
    /// <param name="cancellationToken">A token to cancel the run.</param>
    /// <returns>The state, the pending interrupts and the nodes that run when the thread is resumed.</returns>
    /// <exception cref="ArgumentException">The graph has a checkpointer and the config has no <c>thread_id</c>.</exception>
    /// <exception cref="GraphRecursionException">The run reached its step limit.</exception>
    public async Task<GraphOutput<TState>> RunAsync(StateUpdate<TState>? input, RunConfig? config = null, CancellationToken cancellationToken = default) =>
        ToOutput(await RunToEndAsync(ToRunInput(input), config, isAsync: true, cancellationToken).ConfigureAwait(false));

    /// <summary>Runs the graph, reporting its progress as it goes; the run advances a step at a time as the chunks are enumerated.</summary>
    /// <param name="input">The update to apply first; <see langword="null"/> continues the thread; a <see cref="Command"/> resumes interrupts.</param>
    /// <param name="config">The thread plus any keys nodes read; required with a checkpointer.</param>
    /// <param name="mode">What to report (combine with <c>|</c>): see <see cref="StreamMode"/>.</param>
    /// <returns>The chunks, in order.</returns>
    public IEnumerable<StreamChunk<TState>> Stream(StateUpdate<TState>? input, RunConfig? config = null, StreamMode mode = StreamMode.Values) =>
        StreamEvents(ToRunInput(input), config, mode).Select(ToChunk);

    /// <summary>
    /// Asynchronously runs the graph, reporting its progress as it goes: chunks arrive while nodes run (chat tokens as the
    /// model produces them). Leaving the enumeration early cancels the run.
    /// </summary>
    /// <param name="input">The update to apply first; <see langword="null"/> continues the thread; a <see cref="Command"/> resumes interrupts.</param>
    /// <param name="config">The thread plus any keys nodes read; required with a checkpointer.</param>
    /// <param name="mode">What to report (combine with <c>|</c>): see <see cref="StreamMode"/>.</param>
    /// <param name="cancellationToken">A token to cancel the run.</param>
    /// <returns>The chunks, in order.</returns>
    public async IAsyncEnumerable<StreamChunk<TState>> StreamAsync(
        StateUpdate<TState>? input,
        RunConfig? config = null,
        StreamMode mode = StreamMode.Values,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in StreamEventsAsync(ToRunInput(input), config, mode, cancellationToken).ConfigureAwait(false))
        {
            yield return ToChunk(item);
        }
    }

    internal override StateSnapshot ToSnapshot(SnapshotData data) => ToTypedSnapshot(data);

    private protected override object CreateSubgraphInput(IReadOnlyDictionary<string, object?> parentState)
    {
        var update = new StateUpdate<TState>();
        foreach (var (channel, value) in parentState)
        {
            if (Schema.Find(channel) is not null)
            {
                update.Set(channel, value);
            }
        }

        return update;
    }

    private protected override void ValidateSerializer(ICheckpointSerializer serializer)
    {
        if (serializer is not JsonCheckpointSerializer json)
        {
            return;
        }

        foreach (var field in Schema.Fields)
        {
            if (SerializerHint.FindUnstorable(field.Type, json) is { } type)
            {
                throw new InvalidOperationException(
                    $"State field '{field.Channel}' ({typeof(TState).Name}.{field.Property.Name}) holds {type.FullName} values, which the checkpointer's serializer does not allow, " +
                    $"so its checkpoints could not be saved or loaded. {SerializerHint.Register(type)}; " +
                    "or use built-in types (strings, numbers, JsonNode, ChatMessage, List<T>, Dictionary<string, T>).");
            }
        }
    }

    private static RunInput ToRunInput(StateUpdate<TState>? input) =>
        input is null ? RunInput.Continue : input.Command is { } command ? RunInput.Of(command) : RunInput.Of(input);

    private static GraphOutput<TState> ToOutput(GraphRun run) => new(Schema.Read(run.Loop.Channels), run.Interrupts, run.Loop.Next);

    private static StateSnapshot<TState> ToTypedSnapshot(SnapshotData data) =>
        new(Schema.Read(data.Values), data.Next, data.Config, data.Metadata, data.CreatedAt, data.ParentConfig, ToTasks(data), data.Interrupts);

    private static StreamChunk<TState> ToChunk(StreamEvent item) => item.Mode switch
    {
        StreamMode.Values => new(item) { State = Schema.Read(item.Values!) },
        StreamMode.Checkpoints => new(item) { Checkpoint = ToTypedSnapshot(item.Snapshot!) },
        _ => new(item),
    };
}
