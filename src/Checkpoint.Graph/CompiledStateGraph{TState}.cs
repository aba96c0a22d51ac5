using System.Runtime.CompilerServices;
using Checkpoint.Graph.Pregel;
using Checkpoint.Graph.State;

namespace Checkpoint.Graph;

/// <summary>
/// A compiled <see cref="StateGraph{TState}"/>: run it with <c>Invoke</c> or <c>Stream</c> on a thread, read and change
/// the thread's state with <c>GetState</c>, <c>GetStateHistory</c> and <c>UpdateState</c>, or add it to a parent graph
/// as a node.
/// </summary>
/// <remarks>
/// <para>
/// Each run goes in supersteps: every node triggered by the previous step runs (in parallel on the async path), each
/// finished node's update is saved as a pending write at once, and when the step is done the updates are applied and a
/// checkpoint is saved. A run that fails mid-step is resumed with <c>Invoke(null, config)</c> and does not re-run the
/// nodes that finished.
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

    /// <summary>Runs the graph to completion.</summary>
    /// <param name="input">The update to apply first (e.g. the new user message); <see langword="null"/> resumes the thread where it stopped.</param>
    /// <param name="config">The thread (<c>RunConfig.ForThread("1")</c>) plus any keys nodes read, such as <c>user_id</c>; required with a checkpointer.</param>
    /// <returns>The final state.</returns>
    /// <exception cref="ArgumentException">The graph has a checkpointer and the config has no <c>thread_id</c>.</exception>
    /// <exception cref="GraphRecursionException">The run reached its step limit.</exception>
    public TState Invoke(StateUpdate<TState>? input, RunConfig? config = null) => SyncPath.Wait(RunAsync(input, config, isAsync: false, CancellationToken.None));

    /// <summary>Asynchronously runs the graph to completion; parallel nodes run concurrently.</summary>
    /// <param name="input">The update to apply first; <see langword="null"/> resumes the thread where it stopped.</param>
    /// <param name="config">The thread plus any keys nodes read; required with a checkpointer.</param>
    /// <param name="cancellationToken">A token to cancel the run; completed steps stay checkpointed.</param>
    /// <returns>The final state.</returns>
    /// <exception cref="ArgumentException">The graph has a checkpointer and the config has no <c>thread_id</c>.</exception>
    /// <exception cref="GraphRecursionException">The run reached its step limit.</exception>
    public async Task<TState> InvokeAsync(StateUpdate<TState>? input, RunConfig? config = null, CancellationToken cancellationToken = default) =>
        await RunAsync(input, config, isAsync: true, cancellationToken).ConfigureAwait(false);

    /// <summary>Runs the graph, reporting its progress after every step.</summary>
    /// <param name="input">The update to apply first; <see langword="null"/> resumes the thread where it stopped.</param>
    /// <param name="config">The thread plus any keys nodes read; required with a checkpointer.</param>
    /// <param name="mode">What to report: the state after each step, each node's update, or both.</param>
    /// <returns>The reports, in order; the run advances as they are enumerated.</returns>
    public IEnumerable<StreamChunk<TState>> Stream(StateUpdate<TState>? input, RunConfig? config = null, StreamMode mode = StreamMode.Values)
    {
        var loop = new PregelLoop(Pregel, CreateRootScope(config, isAsync: false, CancellationToken.None), mode);
        SyncPath.Wait(loop.StartAsync(input, input is not null));
        foreach (var chunk in Drain(loop))
        {
            yield return chunk;
        }

        while (SyncPath.Wait(loop.TickAsync()))
        {
            foreach (var chunk in Drain(loop))
            {
                yield return chunk;
            }
        }
    }

    /// <summary>Asynchronously runs the graph, reporting its progress after every step.</summary>
    /// <param name="input">The update to apply first; <see langword="null"/> resumes the thread where it stopped.</param>
    /// <param name="config">The thread plus any keys nodes read; required with a checkpointer.</param>
    /// <param name="mode">What to report: the state after each step, each node's update, or both.</param>
    /// <param name="cancellationToken">A token to cancel the run.</param>
    /// <returns>The reports, in order.</returns>
    public async IAsyncEnumerable<StreamChunk<TState>> StreamAsync(
        StateUpdate<TState>? input,
        RunConfig? config = null,
        StreamMode mode = StreamMode.Values,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var loop = new PregelLoop(Pregel, CreateRootScope(config, isAsync: true, cancellationToken), mode);
        await loop.StartAsync(input, input is not null).ConfigureAwait(false);
        foreach (var chunk in Drain(loop))
        {
            yield return chunk;
        }

        while (await loop.TickAsync().ConfigureAwait(false))
        {
            foreach (var chunk in Drain(loop))
            {
                yield return chunk;
            }
        }
    }

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
            var type = Nullable.GetUnderlyingType(field.Type) ?? field.Type;
            if (type == typeof(object) || type.IsInterface || type.IsAbstract || json.GetTypeTag(type) is not null)
            {
                continue;
            }

            throw new InvalidOperationException(
                $"State field '{field.Channel}' ({typeof(TState).Name}.{field.Property.Name}) has type {type.FullName}, which the checkpointer's serializer does not allow, " +
                $"so its checkpoints could not be saved or loaded. Register the type under a stable name, e.g. new JsonCheckpointSerializerOptions().Register<{type.Name}>(\"{type.Name.ToLowerInvariant()}\"), " +
                "and give the saver a JsonCheckpointSerializer built with those options; or use built-in types (strings, numbers, JsonNode, ChatMessage, List<T>, Dictionary<string, T>).");
        }
    }

    private async ValueTask<TState> RunAsync(StateUpdate<TState>? input, RunConfig? config, bool isAsync, CancellationToken cancellationToken)
    {
        var loop = new PregelLoop(Pregel, CreateRootScope(config, isAsync, cancellationToken));
        await loop.StartAsync(input, input is not null).ConfigureAwait(false);
        while (await loop.TickAsync().ConfigureAwait(false))
        {
        }

        return Schema.Read(loop.Channels);
    }

    private static IEnumerable<StreamChunk<TState>> Drain(PregelLoop loop)
    {
        while (loop.TryDequeue(out var item))
        {
            yield return item.Mode == StreamMode.Values
                ? new StreamChunk<TState>(StreamMode.Values, item.Step, null, Schema.Read(item.Values), null)
                : new StreamChunk<TState>(StreamMode.Updates, item.Step, item.Node, null, item.Values);
        }
    }
}
