using Checkpoint.Graph.Channels;
using Checkpoint.Graph.Functional;
using Checkpoint.Graph.Pregel;
using Checkpoint.Graph.State;

namespace Checkpoint.Graph;

/// <summary>
/// A runnable entrypoint (see <see cref="Entrypoint"/>): one node that reads the input and the thread's saved value
/// (<c>previous</c>) and writes the result and the new saved value. Each run makes an input checkpoint and one loop
/// checkpoint on the thread.
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
    /// <returns>The result.</returns>
    public TOutput Invoke(TInput input, RunConfig? config = null) => SyncPath.Wait(RunAsync(input, hasInput: true, config, isAsync: false, CancellationToken.None));

    /// <summary>Asynchronously runs the entrypoint.</summary>
    /// <param name="input">The input.</param>
    /// <param name="config">The thread (required with a checkpointer) plus any keys the function reads.</param>
    /// <param name="cancellationToken">A token to cancel the run.</param>
    /// <returns>The result.</returns>
    public async Task<TOutput> InvokeAsync(TInput input, RunConfig? config = null, CancellationToken cancellationToken = default) =>
        await RunAsync(input, hasInput: true, config, isAsync: true, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Re-runs a run that failed, with its original input (LangGraph's <c>invoke(None, config)</c>): task calls that
    /// finished before the failure return their saved results instead of running again.
    /// </summary>
    /// <param name="config">The thread.</param>
    /// <returns>The result.</returns>
    public TOutput Resume(RunConfig config) => SyncPath.Wait(RunAsync(default, hasInput: false, config, isAsync: false, CancellationToken.None));

    /// <summary>Asynchronously re-runs a run that failed; see <see cref="Resume"/>.</summary>
    /// <param name="config">The thread.</param>
    /// <param name="cancellationToken">A token to cancel the run.</param>
    /// <returns>The result.</returns>
    public async Task<TOutput> ResumeAsync(RunConfig config, CancellationToken cancellationToken = default) =>
        await RunAsync(default, hasInput: false, config, isAsync: true, cancellationToken).ConfigureAwait(false);

    private protected override object CreateSubgraphInput(IReadOnlyDictionary<string, object?> parentState) =>
        throw new NotSupportedException("An entrypoint cannot be used as a node of a state graph.");

    private protected override void ValidateSerializer(ICheckpointSerializer serializer)
    {
        if (serializer is not JsonCheckpointSerializer json)
        {
            return;
        }

        foreach (var type in new[] { typeof(TInput), typeof(TOutput), _saveType }.Select(t => Nullable.GetUnderlyingType(t) ?? t))
        {
            if (type != typeof(object) && !type.IsInterface && !type.IsAbstract && json.GetTypeTag(type) is null)
            {
                throw new InvalidOperationException(
                    $"The entrypoint '{Name}' stores values of type {type.FullName}, which the checkpointer's serializer does not allow. " +
                    $"Register it under a stable name (new JsonCheckpointSerializerOptions().Register<{type.Name}>(\"{type.Name.ToLowerInvariant()}\")) and give the saver a JsonCheckpointSerializer built with those options.");
            }
        }
    }

    private async ValueTask<TOutput> RunAsync(TInput? input, bool hasInput, RunConfig? config, bool isAsync, CancellationToken cancellationToken)
    {
        var loop = new PregelLoop(Pregel, CreateRootScope(config, isAsync, cancellationToken));
        await loop.StartAsync(input, hasInput).ConfigureAwait(false);
        while (await loop.TickAsync().ConfigureAwait(false))
        {
        }

        return loop.Channels[Reserved.End] is { IsAvailable: true } end
            ? (TOutput)ValueConversion.ToPropertyValue(end.Get(), typeof(TOutput), Reserved.End)!
            : default!;
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
