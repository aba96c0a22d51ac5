using System.Globalization;
using Checkpoint.Graph.Pregel;

namespace Checkpoint.Graph;

/// <summary>What every compiled graph shares: its checkpointer and store, and how it runs as a root graph or as a subgraph.</summary>
public abstract class CompiledGraph
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

    /// <summary>The saver a graph invoked directly uses, requiring a thread when there is one.</summary>
    private protected RunScope CreateRootScope(RunConfig? config, bool isAsync, CancellationToken cancellationToken)
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
        };
    }

    /// <summary>The checkpointer the state API (<c>GetState</c>, <c>UpdateState</c>, ...) reads.</summary>
    private protected BaseCheckpointSaver RequireCheckpointer() => Checkpointer ?? throw new InvalidOperationException(
        "This graph has no checkpointer, so it keeps no state to read or update: compile it with one, e.g. Compile(new InMemorySaver()).");

    /// <summary>Builds this graph's input from the state of the parent node that runs it.</summary>
    private protected abstract object CreateSubgraphInput(IReadOnlyDictionary<string, object?> parentState);

    /// <summary>Runs this graph as the node <paramref name="node"/> of a parent graph; returns its final state values.</summary>
    internal async ValueTask<Dictionary<string, object?>> RunAsNodeAsync(string node, IReadOnlyDictionary<string, object?> parentState, NodeInvocation parent)
    {
        var scope = CreateChildScope(node, parent);
        var hasInput = true;
        if (Mode == CheckpointerMode.Inherit && scope.Saver is { } saver)
        {
            // The parent task is being retried after a failure: continue the subgraph run it started.
            var latest = scope.IsAsync ? await saver.GetTupleAsync(scope.Config, scope.CancellationToken).ConfigureAwait(false) : saver.GetTuple(scope.Config);
            hasInput = latest is null || Pregel.FindTriggered(latest.Checkpoint, Pregel.RestoreChannels(latest.Checkpoint)).Count == 0;
        }

        var loop = new PregelLoop(Pregel, scope);
        await loop.StartAsync(CreateSubgraphInput(parentState), hasInput).ConfigureAwait(false);
        while (await loop.TickAsync().ConfigureAwait(false))
        {
        }

        return Pregel.ReadState(loop.Channels);
    }

    private RunScope CreateChildScope(string node, NodeInvocation parent)
    {
        var parentScope = parent.Scope;
        var saver = Mode == CheckpointerMode.Disabled ? null : parentScope.Saver;
        if (saver is not null)
        {
            ValidateSerializer(saver.Serializer);
        }

        var level = $"{node}{Reserved.NamespaceEnd}{parent.Context.TaskId}";
        var ns = parentScope.Namespace.Length == 0 ? level : parentScope.Namespace + Reserved.NamespaceSeparator + level;
        if (Mode == CheckpointerMode.Own)
        {
            ns = Reserved.RecastNamespace(ns);
        }

        var parents = parent.Context.CheckpointId is { } checkpointId ? parentScope.Parents.SetItem(parentScope.Namespace, checkpointId) : parentScope.Parents;
        return new RunScope
        {
            Saver = saver,
            Store = Store ?? parentScope.Store,
            Config = parentScope.Config with { CheckpointNs = ns, CheckpointId = null },
            Parents = parents,
            RunId = parentScope.RunId,
            IsAsync = parentScope.IsAsync,
            RecursionLimit = parentScope.RecursionLimit,
            CancellationToken = parentScope.CancellationToken,
        };
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
