using Checkpoint.Graph.Pregel;

namespace Checkpoint.Graph;

public abstract partial class CompiledGraph
{
    /// <summary>
    /// Runs this graph as the node <paramref name="node"/> of a parent graph; returns its final state values. A paused or
    /// failed run of it (in the same parent task) is continued instead of started again, so its finished nodes do not re-run
    /// and its interrupted node receives its answer.
    /// </summary>
    internal async ValueTask<Dictionary<string, object?>> RunAsNodeAsync(string node, IReadOnlyDictionary<string, object?> parentState, NodeInvocation parent)
    {
        var scope = CreateChildScope(parent);
        var resume = false;
        if (scope.Saver is { } saver && (Mode == CheckpointerMode.Inherit || parent.Context.Loop.IsResuming))
        {
            var latest = scope.IsAsync ? await saver.GetTupleAsync(scope.Config, scope.CancellationToken).ConfigureAwait(false) : saver.GetTuple(scope.Config);
            resume = latest is not null && Pregel.PrepareTasks(latest.Checkpoint, Pregel.RestoreChannels(latest.Checkpoint), scope.Namespace, 0).Count > 0;
        }

        var loop = new PregelLoop(Pregel, scope);
        try
        {
            await loop.StartAsync(resume ? RunInput.Continue : RunInput.Of(CreateSubgraphInput(parentState))).ConfigureAwait(false);
            while (await loop.TickAsync().ConfigureAwait(false))
            {
            }
        }
        catch (Exception)
        {
            try
            {
                await loop.ExitAsync(raised: true, scope.CancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The subgraph's own error (or pause) is what the parent task must see.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            throw;
        }

        await loop.ExitAsync(raised: false, scope.CancellationToken).ConfigureAwait(false);
        return Pregel.ReadState(loop.Channels);
    }

    /// <summary>Reads the snapshot of the checkpoint <paramref name="config"/> addresses in this graph, with its subgraphs' when asked.</summary>
    internal async ValueTask<SnapshotData> ReadSnapshotAsync(BaseCheckpointSaver saver, RunConfig config, bool subgraphs, bool isAsync, CancellationToken cancellationToken)
    {
        var tuple = isAsync ? await saver.GetTupleAsync(config, cancellationToken).ConfigureAwait(false) : saver.GetTuple(config);
        return await BuildSnapshotAsync(saver, tuple, config, subgraphs, isAsync, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Builds a snapshot (LangGraph's <c>_prepare_state_snapshot</c>): the tasks of the checkpoint's next step with their
    /// saved errors, interrupts and results; for the latest checkpoint, values include the writes of finished tasks.
    /// </summary>
    internal async ValueTask<SnapshotData> BuildSnapshotAsync(BaseCheckpointSaver saver, CheckpointTuple? tuple, RunConfig config, bool subgraphs, bool isAsync, CancellationToken cancellationToken)
    {
        if (tuple is null)
        {
            return new SnapshotData(new Dictionary<string, object?>(), [], config, null, null, null, [], []);
        }

        var channels = Pregel.RestoreChannels(tuple.Checkpoint);
        var tasks = Pregel.PrepareTasks(tuple.Checkpoint, channels, tuple.Config.ResolvedCheckpointNs, (tuple.Metadata.Step ?? -1) + 1);
        var pending = tuple.PendingWrites;
        var answered = pending.Where(w => w.Channel == SpecialChannels.Resume).Select(w => w.TaskId).ToHashSet(StringComparer.Ordinal);

        // As in LangGraph, only the latest checkpoint counts its finished tasks as done (out of Next, writes in the values).
        var latest = config.CheckpointId is null;
        var data = new List<TaskData>();
        foreach (var task in tasks)
        {
            var saved = pending.Where(w => w.TaskId == task.Id).ToList();
            var finished = saved.Exists(w => Reserved.MarksFinished(w.Channel));
            var writes = saved.Where(w => !Reserved.IsStatusWrite(w.Channel)).Select(w => new ChannelWrite(w.Channel, w.Value)).ToList();
            task.Writes = finished && latest ? writes : null;
            var interrupts = finished
                ? []
                : saved.Where(w => w.Channel == SpecialChannels.Interrupt).SelectMany(w => Packets.ReadInterrupts(w.Value)).Where(i => !answered.Contains(i.Id)).DistinctBy(i => i.Id).ToList();
            var subgraphNs = task.Node.Subgraph?.SubgraphNamespace(task.Namespace);
            var state = subgraphNs is null ? null : new RunConfig(tuple.Config.ThreadId, subgraphNs);
            var subgraph = subgraphs && state is not null && !finished
                ? await task.Node.Subgraph!.ReadSnapshotAsync(saver, state, subgraphs: true, isAsync, cancellationToken).ConfigureAwait(false)
                : null;
            data.Add(new TaskData(
                task.Id,
                task.Name,
                saved.LastOrDefault(w => w.Channel == SpecialChannels.Error)?.Value as string,
                interrupts,
                finished ? writes.Where(w => Pregel.StateChannels.Contains(w.Channel)).GroupBy(w => w.Channel).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal) : null,
                state,
                task.Node.Subgraph,
                subgraph));
        }

        if (latest)
        {
            var unowned = pending.Where(w => w.TaskId == Reserved.NullTaskId && !Reserved.IsStatusWrite(w.Channel)).Select(w => new ChannelWrite(w.Channel, w.Value));
            var done = tasks.Where(t => t.Writes is not null).OrderBy(t => t.Path, StringComparer.Ordinal).ToList();
            WriteApplier.Apply(tuple.Checkpoint.Clone(includeChannelValues: false), channels, done, [.. unowned, .. done.SelectMany(t => t.Writes!)], bumpStep: false, ChannelVersion.Next);
        }

        return new SnapshotData(
            Pregel.ReadState(channels),
            [.. tasks.Where(t => t.Writes is null).Select(t => t.Name)],
            tuple.Config,
            tuple.Metadata,
            tuple.Checkpoint.TryGetTimestamp(),
            tuple.ParentConfig,
            data,
            [.. data.SelectMany(t => t.Interrupts).DistinctBy(i => i.Id)]);
    }

    /// <summary>The typed tasks of a snapshot, with their subgraphs' snapshots typed by their own graphs.</summary>
    private protected static List<StateTask> ToTasks(SnapshotData data) =>
        [.. data.Tasks.Select(t => new StateTask(t.Id, t.Name, t.Error, t.Interrupts, t.Result, t.State, t.SubgraphSnapshot is { } sub ? t.Subgraph!.ToSnapshot(sub) : null))];

    /// <summary>The graph a config's <c>checkpoint_ns</c> addresses: this one for the root namespace, else the subgraph it names.</summary>
    /// <exception cref="ArgumentException">The namespace names no subgraph of this graph.</exception>
    private protected CompiledGraph ResolveNamespace(RunConfig config)
    {
        if (string.IsNullOrEmpty(config.CheckpointNs))
        {
            return this;
        }

        return Pregel.FindSubgraph(Reserved.RecastNamespace(config.CheckpointNs)) ?? throw new ArgumentException(
            $"checkpoint_ns '{config.CheckpointNs}' names no subgraph of this graph (subgraph nodes: {string.Join(", ", Pregel.Nodes.Where(n => n.Subgraph is not null).Select(n => n.Name).DefaultIfEmpty("none"))}).",
            nameof(config));
    }

    /// <summary>Applies a state update in this graph's namespace <paramref name="config"/> names, with the checkpointer of the root graph.</summary>
    private protected async ValueTask<RunConfig> UpdateStateInAsync(BaseCheckpointSaver saver, RunConfig config, object? update, string? asNode, bool isAsync, CancellationToken cancellationToken)
    {
        // A subgraph's update checkpoint keeps the parents its latest checkpoint records.
        var ns = config.CheckpointNs ?? string.Empty;
        var parents = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
        if (ns.Length > 0)
        {
            var latest = isAsync ? await saver.GetTupleAsync(config, cancellationToken).ConfigureAwait(false) : saver.GetTuple(config);
            parents = parents.AddRange(latest?.Metadata.Parents ?? new Dictionary<string, string>());
        }

        var scope = new RunScope
        {
            Saver = saver,
            Store = Store,
            Config = config.WithCheckpointNs(ns),
            Parents = parents,
            RunId = Guid.CreateVersion7().ToString(),
            IsAsync = isAsync,
            CancellationToken = cancellationToken,
            Run = new RunContext(null),
            IsRoot = ns.Length == 0,
            Durability = Durability.Sync,
        };
        return await new PregelLoop(Pregel, scope).UpdateStateAsync(update, asNode).ConfigureAwait(false);
    }

    private RunScope CreateChildScope(NodeInvocation parent)
    {
        var parentScope = parent.Scope;
        var saver = Mode == CheckpointerMode.Disabled ? null : parentScope.Saver;
        if (saver is not null)
        {
            ValidateSerializer(saver.Serializer);
        }

        var ns = SubgraphNamespace(parent.Context.TaskNamespace) ?? parent.Context.TaskNamespace;
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
            Run = parentScope.Run,
            Durability = parentScope.Durability,
            KeepsOwnHistory = Mode == CheckpointerMode.Own,
            InterruptBefore = Pregel.InterruptBefore,
            InterruptAfter = Pregel.InterruptAfter,
        };
    }
}
