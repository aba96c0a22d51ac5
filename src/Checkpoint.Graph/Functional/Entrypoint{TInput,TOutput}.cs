using System.Runtime.CompilerServices;
using Checkpoint.Graph.Channels;
using Checkpoint.Graph.Functional;
using Checkpoint.Graph.Pregel;
using Checkpoint.Graph.State;

namespace Checkpoint.Graph;

/// <summary>
/// A runnable entrypoint (see <see cref="Entrypoint"/>): one node that reads the input and the thread's saved value
/// (<c>previous</c>) and writes the result and the new saved value. Each run makes an input checkpoint and one loop
/// checkpoint on the thread. The function (or a task it calls) may pause the run with
/// <see cref="NodeContext.Interrupt(object?)"/>; <c>Invoke(Command.Resume(answer), config)</c> continues it.
/// </summary>
/// <typeparam name="TInput">The input type; stored in the input checkpoint, so it must be storable.</typeparam>
/// <typeparam name="TOutput">The result type.</typeparam>
public sealed class Entrypoint<TInput, TOutput> : CompiledGraph
{
    private readonly Type _saveType;

    internal Entrypoint(string name, EntrypointFunc function, BaseCheckpointSaver? checkpointer, BaseStore? store, Type saveType)
        : base(CreatePregel(name, function, saveType), checkpointer is null ? CheckpointerMode.Inherit : CheckpointerMode.Explicit, checkpointer, store)
    {
        _saveType = saveType;
        Name = name;
        ValidateCheckpointer();
    }

    /// <summary>Gets the name of the entrypoint's node.</summary>
    public string Name { get; }

    /// <summary>Runs the entrypoint.</summary>
    /// <param name="input">The input.</param>
    /// <param name="config">The thread (required with a checkpointer) plus any keys the function reads.</param>
    /// <returns>The result; <see langword="default"/> when the run paused (use <see cref="Run(TInput, RunConfig?)"/> to see why).</returns>
    public TOutput Invoke(TInput input, RunConfig? config = null) => Run(input, config).Value;

    /// <summary>Resumes a paused run: answers its interrupt(s) and runs the function again; see <see cref="Command"/>.</summary>
    /// <param name="command">The answers, e.g. <c>Command.Resume("approve")</c>.</param>
    /// <param name="config">The thread.</param>
    /// <returns>The result.</returns>
    public TOutput Invoke(Command command, RunConfig config) => Run(command, config).Value;

    /// <summary>Asynchronously runs the entrypoint.</summary>
    /// <param name="input">The input.</param>
    /// <param name="config">The thread (required with a checkpointer) plus any keys the function reads.</param>
    /// <param name="cancellationToken">A token to cancel the run.</param>
    /// <returns>The result.</returns>
    public async Task<TOutput> InvokeAsync(TInput input, RunConfig? config = null, CancellationToken cancellationToken = default) =>
        (await RunAsync(input, config, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>Asynchronously resumes a paused run; see <see cref="Invoke(Command, RunConfig)"/>.</summary>
    /// <param name="command">The answers.</param>
    /// <param name="config">The thread.</param>
    /// <param name="cancellationToken">A token to cancel the run.</param>
    /// <returns>The result.</returns>
    public async Task<TOutput> InvokeAsync(Command command, RunConfig config, CancellationToken cancellationToken = default) =>
        (await RunAsync(command, config, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>Runs the entrypoint and returns its result with the interrupts that paused it, if any.</summary>
    /// <param name="input">The input.</param>
    /// <param name="config">The thread plus any keys the function reads.</param>
    /// <returns>The result and the pending interrupts.</returns>
    public GraphOutput<TOutput> Run(TInput input, RunConfig? config = null) => ToOutput(SyncPath.Wait(RunToEndAsync(RunInput.Of(input), config, isAsync: false, CancellationToken.None)));

    /// <summary>Resumes a paused run and returns its result with the interrupts that paused it again, if any.</summary>
    /// <param name="command">The answers.</param>
    /// <param name="config">The thread.</param>
    /// <returns>The result and the pending interrupts.</returns>
    public GraphOutput<TOutput> Run(Command command, RunConfig config) => ToOutput(SyncPath.Wait(RunToEndAsync(RunInput.Of(command), config, isAsync: false, CancellationToken.None)));

    /// <summary>Asynchronously runs the entrypoint; see <see cref="Run(TInput, RunConfig?)"/>.</summary>
    /// <param name="input">The input.</param>
    /// <param name="config">The thread plus any keys the function reads.</param>
    /// <param name="cancellationToken">A token to cancel the run.</param>
    /// <returns>The result and the pending interrupts.</returns>
    public async Task<GraphOutput<TOutput>> RunAsync(TInput input, RunConfig? config = null, CancellationToken cancellationToken = default) =>
        ToOutput(await RunToEndAsync(RunInput.Of(input), config, isAsync: true, cancellationToken).ConfigureAwait(false));

    /// <summary>Asynchronously resumes a paused run; see <see cref="Run(Command, RunConfig)"/>.</summary>
    /// <param name="command">The answers.</param>
    /// <param name="config">The thread.</param>
    /// <param name="cancellationToken">A token to cancel the run.</param>
    /// <returns>The result and the pending interrupts.</returns>
    public async Task<GraphOutput<TOutput>> RunAsync(Command command, RunConfig config, CancellationToken cancellationToken = default) =>
        ToOutput(await RunToEndAsync(RunInput.Of(command), config, isAsync: true, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Re-runs a run that failed, with its original input (LangGraph's <c>invoke(None, config)</c>): task calls that
    /// finished before the failure return their saved results instead of running again.
    /// </summary>
    /// <param name="config">The thread.</param>
    /// <returns>The result.</returns>
    public TOutput Resume(RunConfig config) => ToOutput(SyncPath.Wait(RunToEndAsync(RunInput.Continue, config, isAsync: false, CancellationToken.None))).Value;

    /// <summary>Asynchronously re-runs a run that failed; see <see cref="Resume"/>.</summary>
    /// <param name="config">The thread.</param>
    /// <param name="cancellationToken">A token to cancel the run.</param>
    /// <returns>The result.</returns>
    public async Task<TOutput> ResumeAsync(RunConfig config, CancellationToken cancellationToken = default) =>
        ToOutput(await RunToEndAsync(RunInput.Continue, config, isAsync: true, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>
    /// Runs the entrypoint, reporting its progress (LangGraph's <c>stream</c>, default mode <c>updates</c>): each finished
    /// task as <c>{task: result}</c>, then <c>{entrypoint: result}</c>; <see cref="StreamMode.Values"/> reports the result.
    /// </summary>
    /// <param name="input">The input.</param>
    /// <param name="config">The thread plus any keys the function reads.</param>
    /// <param name="mode">What to report.</param>
    /// <returns>The chunks, in order.</returns>
    public IEnumerable<StreamChunk<TOutput>> Stream(TInput input, RunConfig? config = null, StreamMode mode = StreamMode.Updates) =>
        StreamEvents(RunInput.Of(input), config, mode).Select(ToChunk);

    /// <summary>Resumes a paused run, reporting its progress; see <see cref="Stream(TInput, RunConfig?, StreamMode)"/>.</summary>
    /// <param name="command">The answers.</param>
    /// <param name="config">The thread.</param>
    /// <param name="mode">What to report.</param>
    /// <returns>The chunks, in order.</returns>
    public IEnumerable<StreamChunk<TOutput>> Stream(Command command, RunConfig config, StreamMode mode = StreamMode.Updates) =>
        StreamEvents(RunInput.Of(command), config, mode).Select(ToChunk);

    /// <summary>Asynchronously runs the entrypoint, reporting its progress as it goes; see <see cref="Stream(TInput, RunConfig?, StreamMode)"/>.</summary>
    /// <param name="input">The input.</param>
    /// <param name="config">The thread plus any keys the function reads.</param>
    /// <param name="mode">What to report.</param>
    /// <param name="cancellationToken">A token to cancel the run.</param>
    /// <returns>The chunks, in order.</returns>
    public IAsyncEnumerable<StreamChunk<TOutput>> StreamAsync(TInput input, RunConfig? config = null, StreamMode mode = StreamMode.Updates, CancellationToken cancellationToken = default) =>
        MapAsync(StreamEventsAsync(RunInput.Of(input), config, mode, cancellationToken), cancellationToken);

    /// <summary>Asynchronously resumes a paused run, reporting its progress as it goes.</summary>
    /// <param name="command">The answers.</param>
    /// <param name="config">The thread.</param>
    /// <param name="mode">What to report.</param>
    /// <param name="cancellationToken">A token to cancel the run.</param>
    /// <returns>The chunks, in order.</returns>
    public IAsyncEnumerable<StreamChunk<TOutput>> StreamAsync(Command command, RunConfig config, StreamMode mode = StreamMode.Updates, CancellationToken cancellationToken = default) =>
        MapAsync(StreamEventsAsync(RunInput.Of(command), config, mode, cancellationToken), cancellationToken);

    /// <summary>Reads a thread's state: its latest result, and the interrupts it waits on.</summary>
    /// <param name="config">The thread, and optionally a <c>checkpoint_id</c>.</param>
    /// <returns>The state; <see cref="StateSnapshot{TState}.Values"/> is the last result.</returns>
    /// <exception cref="InvalidOperationException">The entrypoint has no checkpointer.</exception>
    public StateSnapshot<TOutput> GetState(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ToTypedSnapshot(SyncPath.Wait(ReadSnapshotAsync(RequireCheckpointer(), config, subgraphs: false, isAsync: false, CancellationToken.None)));
    }

    /// <summary>Asynchronously reads a thread's state; see <see cref="GetState"/>.</summary>
    /// <param name="config">The thread, and optionally a <c>checkpoint_id</c>.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The state.</returns>
    public async Task<StateSnapshot<TOutput>> GetStateAsync(RunConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ToTypedSnapshot(await ReadSnapshotAsync(RequireCheckpointer(), config, subgraphs: false, isAsync: true, cancellationToken).ConfigureAwait(false));
    }

    internal override StateSnapshot ToSnapshot(SnapshotData data) => ToTypedSnapshot(data);

    private protected override object CreateSubgraphInput(IReadOnlyDictionary<string, object?> parentState) =>
        throw new NotSupportedException("An entrypoint cannot be used as a node of a state graph.");

    private protected override void ValidateSerializer(ICheckpointSerializer serializer)
    {
        if (serializer is not JsonCheckpointSerializer json)
        {
            return;
        }

        foreach (var type in new[] { typeof(TInput), typeof(TOutput), _saveType })
        {
            if (SerializerHint.FindUnstorable(type, json) is { } unstorable)
            {
                throw new InvalidOperationException(
                    $"The entrypoint '{Name}' stores values of type {unstorable.FullName}, which the checkpointer's serializer does not allow. {SerializerHint.Register(unstorable)}.");
            }
        }
    }

    private static TOutput ReadResult(IReadOnlyDictionary<string, object?> values) =>
        values.TryGetValue(Reserved.End, out var end) ? (TOutput)ValueConversion.ToPropertyValue(end, typeof(TOutput), Reserved.End)! : default!;

    private static GraphOutput<TOutput> ToOutput(GraphRun run) => new(ReadResult(run.Loop.Pregel.ReadState(run.Loop.Channels)), run.Interrupts, run.Loop.Next);

    private static StateSnapshot<TOutput> ToTypedSnapshot(SnapshotData data) =>
        new(ReadResult(data.Values), data.Next, data.Config, data.Metadata, data.CreatedAt, data.ParentConfig, ToTasks(data), data.Interrupts);

    private static StreamChunk<TOutput> ToChunk(StreamEvent item) => item.Mode switch
    {
        StreamMode.Values => new(item) { State = ReadResult(item.Values!) },
        StreamMode.Updates when item.Node != Reserved.InterruptNode && item.Values is { Count: > 0 } values =>
            new(item) { Update = new Dictionary<string, object?>(StringComparer.Ordinal) { [item.Node!] = values.Values.First() } },
        StreamMode.Checkpoints => new(item) { Checkpoint = ToTypedSnapshot(item.Snapshot!) },
        _ => new(item),
    };

    private static async IAsyncEnumerable<StreamChunk<TOutput>> MapAsync(IAsyncEnumerable<StreamEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return ToChunk(item);
        }
    }

    private static PregelGraph CreatePregel(string name, EntrypointFunc function, Type saveType)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var channels = new Dictionary<string, Func<Channel>>(StringComparer.Ordinal)
        {
            [Reserved.Start] = () => new EphemeralChannel(Reserved.Start),
            [Reserved.End] = () => new LastValueChannel(Reserved.End),
            [Reserved.Previous] = () => new LastValueChannel(Reserved.Previous),
        };
        var node = new PregelNode(name, [Reserved.Start], async invocation =>
        {
            var input = ValueConversion.ToPropertyValue(invocation.Channels[Reserved.Start].Get(), typeof(TInput), "input");
            var previous = invocation.Channels[Reserved.Previous] is { IsAvailable: true } saved
                ? ValueConversion.ToPropertyValue(saved.Get(), saveType, "previous")
                : null;
            var (value, save) = await function(input, previous, invocation.Context, invocation.IsAsync).ConfigureAwait(false);
            return [new ChannelWrite(Reserved.End, value), new ChannelWrite(Reserved.Previous, save)];
        });
        return new PregelGraph(channels, [node], invocation => new([new ChannelWrite(Reserved.Start, invocation.Input)]), [Reserved.End]);
    }
}
