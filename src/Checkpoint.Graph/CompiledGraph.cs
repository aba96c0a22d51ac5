using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Checkpoint.Graph.Pregel;

namespace Checkpoint.Graph;

/// <summary>What every compiled graph shares: its checkpointer and store, and how it runs as a root graph or as a subgraph.</summary>
public abstract partial class CompiledGraph
{
    private protected CompiledGraph(PregelGraph pregel, CheckpointerMode mode, BaseCheckpointSaver? checkpointer, BaseStore? store)
    {
        Pregel = pregel;
        Mode = mode;
        Checkpointer = checkpointer;
        Store = store;
    }

    /// <summary>Gets the checkpointer passed to <c>Compile</c>, or <see langword="null"/>.</summary>
    public BaseCheckpointSaver? Checkpointer { get; }

    /// <summary>Gets the store passed to <c>Compile</c>, or <see langword="null"/>.</summary>
    public BaseStore? Store { get; }

    internal PregelGraph Pregel { get; }

    internal CheckpointerMode Mode { get; }

    /// <summary>The namespace this graph checkpoints under when the parent task with namespace <paramref name="taskNamespace"/> runs it; <see langword="null"/> when it keeps nothing.</summary>
    internal string? SubgraphNamespace(string taskNamespace) => Mode switch
    {
        CheckpointerMode.Disabled => null,
        CheckpointerMode.Own => Reserved.RecastNamespace(taskNamespace),
        _ => taskNamespace,
    };

    /// <summary>Gives a snapshot its type: the graph's state (or result) type.</summary>
    internal abstract StateSnapshot ToSnapshot(SnapshotData data);

    /// <summary>Checks that the checkpointer's serializer can store every state value this graph holds.</summary>
    /// <exception cref="InvalidOperationException">A state value's type is not allowed by the serializer.</exception>
    private protected virtual void ValidateSerializer(ICheckpointSerializer serializer)
    {
    }

    /// <summary>Checks the checkpointer passed to <c>Compile</c> (call at the end of the derived constructor).</summary>
    private protected void ValidateCheckpointer()
    {
        if (Checkpointer is not null)
        {
            ValidateSerializer(Checkpointer.Serializer);
        }
    }

    /// <summary>Runs the graph to its end (completed or paused).</summary>
    private protected async ValueTask<GraphRun> RunToEndAsync(RunInput input, RunConfig? config, bool isAsync, CancellationToken cancellationToken)
    {
        var run = CreateRun(input, config, isAsync, null, cancellationToken);
        while (await run.StepAsync().ConfigureAwait(false))
        {
        }

        return run;
    }

    /// <summary>Runs the graph step by step as the events are enumerated (the synchronous stream).</summary>
    private protected IEnumerable<StreamEvent> StreamEvents(RunInput input, RunConfig? config, StreamMode modes)
    {
        var queue = new ConcurrentQueue<StreamEvent>();
        var run = CreateRun(input, config, isAsync: false, new StreamSink(modes, queue.Enqueue), CancellationToken.None);
        try
        {
            while (true)
            {
                bool more;
                ExceptionDispatchInfo? failure = null;
                try
                {
                    more = SyncPath.Wait(run.StepAsync());
                }
                catch (Exception e)
                {
                    // What the run reported before it failed is delivered first, as the asynchronous stream does.
                    (failure, more) = (ExceptionDispatchInfo.Capture(e), false);
                }

                while (queue.TryDequeue(out var item))
                {
                    yield return item;
                }

                failure?.Throw();
                if (!more)
                {
                    yield break;
                }
            }
        }
        finally
        {
            SyncPath.Wait(run.AbandonAsync());
        }
    }

    /// <summary>
    /// Runs the graph while the events are read: the run goes on in the background, so chat tokens arrive while their node
    /// is still running. Leaving the enumeration early cancels the run.
    /// </summary>
    private protected async IAsyncEnumerable<StreamEvent> StreamEventsAsync(RunInput input, RunConfig? config, StreamMode modes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = Channel.CreateUnbounded<StreamEvent>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = CreateRun(input, config, isAsync: true, new StreamSink(modes, e => events.Writer.TryWrite(e)), stop.Token);
        var producer = ProduceAsync(run, events.Writer);
        try
        {
            await foreach (var item in events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }

            await producer.ConfigureAwait(false);
        }
        finally
        {
            if (!producer.IsCompleted)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await producer.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The checkpointer the state API (<c>GetState</c>, <c>UpdateState</c>, ...) reads.</summary>
    private protected BaseCheckpointSaver RequireCheckpointer() => Checkpointer ?? throw new InvalidOperationException(Mode == CheckpointerMode.Explicit
        ? "This graph has no checkpointer."
        : "This graph has no checkpointer of its own, so it keeps no state to read or update here: compile it with one, e.g. Compile(new InMemorySaver()). " +
          "If it is a subgraph, read its state through the parent: parent.GetState(config, subgraphs: true), or parent.GetState<TSubState>(config) with the subgraph's checkpoint_ns.");

    /// <summary>Builds this graph's input from the state of the parent node that runs it.</summary>
    private protected abstract object CreateSubgraphInput(IReadOnlyDictionary<string, object?> parentState);

    private GraphRun CreateRun(RunInput input, RunConfig? config, bool isAsync, StreamSink? sink, CancellationToken cancellationToken) =>
        new(new PregelLoop(Pregel, CreateRootScope(config, isAsync, sink, cancellationToken)), input);

    /// <summary>The scope of a graph invoked directly, requiring a thread when there is a checkpointer.</summary>
    private protected RunScope CreateRootScope(RunConfig? config, bool isAsync, StreamSink? sink, CancellationToken cancellationToken)
    {
        if (Mode == CheckpointerMode.Own)
        {
            throw new InvalidOperationException(
                "This graph was compiled with checkpointer: true, which only applies to a subgraph (it keeps its own history under its parent's checkpointer). " +
                "To run it directly, compile it with a checkpointer instance: Compile(saver).");
        }

        config ??= new RunConfig(null);
        var saver = Mode == CheckpointerMode.Explicit ? Checkpointer : null;
        if (saver is not null && string.IsNullOrEmpty(config.ThreadId))
        {
            throw new ArgumentException("This graph has a checkpointer, so every run needs a thread: pass a config such as RunConfig.ForThread(\"1\").", nameof(config));
        }

        return new RunScope
        {
            Saver = saver,
            Store = Store,
            Config = config.CheckpointNs is null ? config.WithCheckpointNs(string.Empty) : config,
            RunId = config.Configurable.TryGetValue(Reserved.RunIdKey, out var runId) && runId is string id ? id : Guid.CreateVersion7().ToString(),
            IsAsync = isAsync,
            RecursionLimit = ReadRecursionLimit(config),
            CancellationToken = cancellationToken,
            Run = new RunContext(sink),
            IsRoot = true,
            Durability = config.Configurable.TryGetValue(Reserved.DurabilityKey, out var durability) && durability is Durability chosen ? chosen : Durability.Async,
            InterruptBefore = ReadBreakpoints(config, Reserved.InterruptBeforeKey) ?? Pregel.InterruptBefore,
            InterruptAfter = ReadBreakpoints(config, Reserved.InterruptAfterKey) ?? Pregel.InterruptAfter,
        };
    }

    private static async Task ProduceAsync(GraphRun run, ChannelWriter<StreamEvent> writer)
    {
        try
        {
            while (await run.StepAsync().ConfigureAwait(false))
            {
            }
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private IReadOnlyList<string>? ReadBreakpoints(RunConfig config, string key)
    {
        if (!config.Configurable.TryGetValue(key, out var value) || value is not IReadOnlyList<string> { Count: > 0 } nodes)
        {
            return null;
        }

        var unknown = nodes.Where(n => n != Reserved.AllNodes && Pregel.FindNode(n) is null).ToList();
        return unknown.Count == 0 ? nodes : throw new ArgumentException(
            $"The run's breakpoints name {string.Join(", ", unknown)}, which {(unknown.Count == 1 ? "is not a node" : "are not nodes")} of this graph (nodes: {string.Join(", ", Pregel.Nodes.Select(n => n.Name))}).",
            nameof(config));
    }

    private static int ReadRecursionLimit(RunConfig config)
    {
        if (!config.Configurable.TryGetValue(Reserved.RecursionLimitKey, out var value) || value is null)
        {
            return 25;
        }

        var limit = value switch
        {
            int i => i,
            long l and <= int.MaxValue => (int)l,
            string s when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => 0,
        };
        return limit > 0 ? limit : throw new ArgumentException($"'{Reserved.RecursionLimitKey}' must be a positive integer, not '{value}'.", nameof(config));
    }
}
