using System.Runtime.ExceptionServices;
using Checkpoint.Graph.Channels;

namespace Checkpoint.Graph.Pregel;

/// <summary>
/// Runs a <see cref="PregelGraph"/> in supersteps: every task the step's checkpoint triggers (nodes whose trigger channels
/// have unseen versions, and sends) runs in the step, each finished task's writes are saved as pending writes, and when
/// every task of the step is done their writes are applied together and a checkpoint is saved. A task that interrupts
/// pauses the run: no checkpoint is written for the step, and a resumed run re-prepares the same tasks from the same
/// checkpoint, reusing the writes of those that finished.
/// </summary>
/// <remarks>
/// One code path serves both sync and async runs: with <see cref="RunScope.IsAsync"/> false every awaited operation
/// completes synchronously (sync saver calls, sync node delegates), as in Npgsql.
/// </remarks>
internal sealed partial class PregelLoop(PregelGraph graph, RunScope scope)
{
    private Dictionary<string, Channel> _channels = [];
    private Dictionary<string, Channel>? _output;
    private GraphCheckpoint _checkpoint = GraphCheckpoint.CreateEmpty();
    private List<PendingWrite> _pendingWrites = [];
    private List<PregelTask> _tasks = [];
    private int _step;
    private int _stopStep;

    public RunScope Scope => scope;

    public PregelGraph Pregel => graph;

    /// <summary>Gets the channels; after the run they hold the final state (with a paused step's finished writes applied).</summary>
    public IReadOnlyDictionary<string, Channel> Channels => _output ?? _channels;

    /// <summary>Gets the writes saved against the current checkpoint before this run, and the command's.</summary>
    public IReadOnlyList<PendingWrite> PendingWrites => _pendingWrites;

    /// <summary>Gets whether the run continues the thread (no new input) rather than starting from new input.</summary>
    public bool IsResuming { get; private set; }

    /// <summary>Gets the nodes the thread runs next when the run stopped (paused); empty when it completed.</summary>
    public IReadOnlyList<string> Next { get; private set; } = [];

    /// <summary>Loads the thread's checkpoint, then applies the input (saving the input checkpoint) or the command.</summary>
    public async ValueTask StartAsync(RunInput input)
    {
        if (input.Command is { Graph: not null })
        {
            throw new InvalidUpdateException("A command with Graph set was given as a run's input, but a run's input addresses the graph being run: only a subgraph's node can address its parent.");
        }

        var tuple = await RestoreAsync().ConfigureAwait(false);
        _step = (tuple?.Metadata.Step ?? -2) + 1;
        if (input.HasValue)
        {
            var discarded = tuple is null ? [] : graph.PrepareTasks(_checkpoint, _channels, scope.Namespace, _step);
            var context = CreateContext(StateGraph.Start, TaskIds.ForNode(_checkpoint.Id, scope.Namespace, _step, StateGraph.Start, []), TaskIds.NodePath(StateGraph.Start), []);
            var writes = await graph.Input(new NodeInvocation(_channels, context, input.Value)).ConfigureAwait(false);
            await ApplyInputAsync(writes, discarded).ConfigureAwait(false);
        }
        else if (input.Command is { } command && tuple is null)
        {
            if (command.IsResume)
            {
                throw new InvalidOperationException($"Thread '{scope.Config.ThreadId}' has no checkpoint in namespace '{scope.Namespace}', so there is no interrupt to resume.");
            }

            await ApplyInputAsync(graph.MapCommand(command), []).ConfigureAwait(false);
        }
        else if (tuple is not null)
        {
            await ContinueAsync(input.Command).ConfigureAwait(false);
        }

        _stopStep = _step + scope.RecursionLimit;
    }

    /// <summary>Runs one superstep.</summary>
    /// <returns><see langword="false"/> when no task was triggered: the run is complete.</returns>
    /// <exception cref="GraphInterruptException">A task interrupted, or a breakpoint was reached: the run pauses.</exception>
    public async ValueTask<bool> TickAsync()
    {
        await _saves.ThrowIfFailedAsync().ConfigureAwait(false);
        _tasks = graph.PrepareTasks(_checkpoint, _channels, scope.Namespace, _step);
        if (_tasks.Count == 0)
        {
            Next = [];
            return false;
        }

        if (_step >= _stopStep)
        {
            throw new GraphRecursionException(
                $"Recursion limit of {scope.RecursionLimit} steps reached without hitting a stop condition (next: {string.Join(", ", _tasks.Select(t => t.Name))}). " +
                $"Raise it with config.With(\"{Reserved.RecursionLimitKey}\", n) if the graph is meant to run longer.");
        }

        ReuseFinishedWrites();
        EmitCheckpoint();
        if (ShouldInterrupt(scope.InterruptBefore, _tasks))
        {
            PauseAtBreakpoint(_tasks);
        }

        var pending = _tasks.Where(t => t.Writes is null).ToList();
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

        if (_tasks.FirstOrDefault(t => t.Error is not null) is { } failed)
        {
            ExceptionDispatchInfo.Throw(failed.Error!);
        }

        if (_tasks.FirstOrDefault(t => t.ParentCommand is not null) is { } redirected)
        {
            ExceptionDispatchInfo.Throw(redirected.ParentCommand!);
        }

        if (_tasks.Any(t => t.Interrupts is not null))
        {
            PauseForInterrupts();
        }

        var updated = WriteApplier.Apply(_checkpoint, _channels, _tasks, [.. _tasks.OrderBy(t => t.Path, StringComparer.Ordinal).SelectMany(t => t.Writes!)], bumpStep: true, NextVersion);
        await PutCheckpointAsync(CheckpointSource.Loop, updated).ConfigureAwait(false);
        EmitValues(updated);
        _pendingWrites = [];
        _step++;
        if (ShouldInterrupt(scope.InterruptAfter, _tasks))
        {
            PauseAtBreakpoint(graph.PrepareTasks(_checkpoint, _channels, scope.Namespace, _step));
        }

        return true;
    }

    private async ValueTask ApplyInputAsync(IReadOnlyList<ChannelWrite> writes, List<PregelTask> discarded)
    {
        // New input drops what the thread had pending (LangGraph discards unfinished tasks), sends included.
        if (discarded.Any(t => t.SendArg is not null) && _channels.TryGetValue(SpecialChannels.Tasks, out var sends) && sends.Update([]))
        {
            _checkpoint.ChannelVersions[SpecialChannels.Tasks] = NextVersion(Versions.Max(_checkpoint.ChannelVersions.Values));
        }

        var updated = WriteApplier.Apply(_checkpoint, _channels, discarded, writes, bumpStep: false, NextVersion);
        await PutCheckpointAsync(CheckpointSource.Input, updated).ConfigureAwait(false);
        EmitValues(updated);
        _pendingWrites = [];
        _step++;
    }

    private string NextVersion(string? current) => scope.Saver?.GetNextVersion(current) ?? ChannelVersion.Next(current);
}
