using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Checkpoint.Graph.Channels;

namespace Checkpoint.Graph.Pregel;

/// <summary>
/// Runs a <see cref="PregelGraph"/> in supersteps: every node triggered by channel versions it has not seen runs in the
/// step, each finished task's writes are saved as pending writes at once, and when every task of the step is done their
/// writes are applied together and a checkpoint is saved.
/// </summary>
/// <remarks>
/// One code path serves both sync and async runs: with <see cref="RunScope.IsAsync"/> false every awaited operation
/// completes synchronously (sync saver calls, sync node delegates), as in Npgsql.
/// </remarks>
internal sealed partial class PregelLoop(PregelGraph graph, RunScope scope, StreamMode events = StreamMode.None)
{
    private readonly ConcurrentQueue<StreamEvent> _events = new();
    private Dictionary<string, Channel> _channels = [];
    private GraphCheckpoint _checkpoint = GraphCheckpoint.CreateEmpty();
    private RunConfig _checkpointConfig = scope.Config.WithCheckpointId(null);
    private Dictionary<string, string> _savedVersions = new(StringComparer.Ordinal);
    private IReadOnlyList<PendingWrite> _pendingWrites = [];
    private int _step;
    private int _stopStep;

    /// <summary>Gets the channels; after the run they hold the final state.</summary>
    public IReadOnlyDictionary<string, Channel> Channels => _channels;

    public bool TryDequeue(out StreamEvent streamEvent) => _events.TryDequeue(out streamEvent!);

    /// <summary>Loads the thread's checkpoint and, with input, saves the input checkpoint.</summary>
    /// <param name="input">The input, handed to the graph's input mapping.</param>
    /// <param name="hasInput"><see langword="false"/> to resume: run whatever the checkpoint left pending.</param>
    public async ValueTask StartAsync(object? input, bool hasInput)
    {
        var tuple = await RestoreAsync().ConfigureAwait(false);
        _step = (tuple?.Metadata.Step ?? -2) + 1;
        if (hasInput)
        {
            var context = CreateContext(StateGraph.Start, TaskIds.ForNode(_checkpoint.Id, scope.Namespace, _step, StateGraph.Start, []), TaskIds.NodePath(StateGraph.Start));
            var writes = await graph.Input(new NodeInvocation(_channels, context, input)).ConfigureAwait(false);
            var updated = ApplyWrites([], writes, bumpStep: false);
            await PutCheckpointAsync(CheckpointSource.Input, updated).ConfigureAwait(false);
            EmitValues(updated);
            _pendingWrites = [];
            _step++;
        }

        _stopStep = _step + scope.RecursionLimit;
    }

    /// <summary>Runs one superstep.</summary>
    /// <returns><see langword="false"/> when no node was triggered: the run is complete.</returns>
    public async ValueTask<bool> TickAsync()
    {
        var triggered = graph.FindTriggered(_checkpoint, _channels);
        if (triggered.Count == 0)
        {
            return false;
        }

        if (_step >= _stopStep)
        {
            throw new GraphRecursionException(
                $"Recursion limit of {scope.RecursionLimit} steps reached without hitting a stop condition (next: {string.Join(", ", triggered.Select(t => t.Node.Name))}). " +
                $"Raise it with config.With(\"{Reserved.RecursionLimitKey}\", n) if the graph is meant to run longer.");
        }

        var tasks = triggered
            .Select(t => new PregelTask(t.Node, t.Triggers, TaskIds.ForNode(_checkpoint.Id, scope.Namespace, _step, t.Node.Name, t.Triggers)))
            .ToList();
        ReuseFinishedWrites(tasks);
        var pending = tasks.Where(t => t.Writes is null).ToList();
        if (scope.IsAsync)
        {
            await Task.WhenAll(pending.Select(t => RunTaskAsync(t).AsTask())).ConfigureAwait(false);
        }
        else
        {
            foreach (var task in pending)
            {
                await RunTaskAsync(task).ConfigureAwait(false);
            }
        }

        if (tasks.FirstOrDefault(t => t.Error is not null) is { } failed)
        {
            ExceptionDispatchInfo.Throw(failed.Error!);
        }

        var updated = ApplyWrites(tasks, [.. tasks.OrderBy(t => t.Path, StringComparer.Ordinal).SelectMany(t => t.Writes!)], bumpStep: true);
        await PutCheckpointAsync(CheckpointSource.Loop, updated).ConfigureAwait(false);
        EmitValues(updated);
        _pendingWrites = [];
        _step++;
        return true;
    }

    /// <summary>Marks the tasks that finished before a failure as done, with the writes they saved.</summary>
    private void ReuseFinishedWrites(List<PregelTask> tasks)
    {
        foreach (var task in tasks)
        {
            var saved = _pendingWrites.Where(w => w.TaskId == task.Id).ToList();
            if (saved.Any(w => w.Channel is not (SpecialChannels.Error or SpecialChannels.Interrupt or SpecialChannels.Scheduled or SpecialChannels.Resume)))
            {
                task.Writes = [.. saved.Where(w => !Reserved.IsStatusWrite(w.Channel)).Select(w => new ChannelWrite(w.Channel, w.Value))];
                Emit(StreamMode.Updates, task.Name, task.Writes);
            }
        }
    }

    private async ValueTask RunTaskAsync(PregelTask task)
    {
        var context = CreateContext(task.Name, task.Id, task.Path);
        try
        {
            scope.CancellationToken.ThrowIfCancellationRequested();
            var writes = await task.Node.Run(new NodeInvocation(_channels, context)).ConfigureAwait(false);
            await SaveWritesAsync(task, writes.Count == 0 ? [new ChannelWrite(Reserved.NoWrites, null)] : writes).ConfigureAwait(false);
            task.Writes = writes;
            Emit(StreamMode.Updates, task.Name, writes);
        }
        catch (Exception e)
        {
            task.Error = e;
            if (e is not OperationCanceledException)
            {
                await TrySaveErrorAsync(task, e).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask TrySaveErrorAsync(PregelTask task, Exception error)
    {
        try
        {
            await SaveWritesAsync(task, [new ChannelWrite(SpecialChannels.Error, $"{error.GetType().Name}: {error.Message}")]).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The task's own exception is what the caller must see; failing to record it must not replace it.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private async ValueTask SaveWritesAsync(PregelTask task, IReadOnlyList<ChannelWrite> writes)
    {
        if (scope.Saver is not { } saver)
        {
            return;
        }

        if (scope.IsAsync)
        {
            await saver.PutWritesAsync(_checkpointConfig, writes, task.Id, task.Path, scope.CancellationToken).ConfigureAwait(false);
        }
        else
        {
            saver.PutWrites(_checkpointConfig, writes, task.Id, task.Path);
        }
    }

    private NodeContext CreateContext(string node, string taskId, string taskPath) =>
        new(scope, node, taskId, taskPath, _step, _checkpointConfig, _pendingWrites);

    private void EmitValues(HashSet<string> updated)
    {
        if ((events & StreamMode.Values) != 0 && graph.StateChannels.Any(updated.Contains))
        {
            _events.Enqueue(new StreamEvent(StreamMode.Values, _step, null, graph.ReadState(_channels)));
        }
    }

    private void Emit(StreamMode mode, string node, IReadOnlyList<ChannelWrite> writes)
    {
        if ((events & mode) == 0)
        {
            return;
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var write in writes)
        {
            if (graph.StateChannels.Contains(write.Channel))
            {
                values[write.Channel] = write.Value;
            }
        }

        _events.Enqueue(new StreamEvent(mode, _step, node, values));
    }
}
