using System.Text.Json.Nodes;

namespace Checkpoint.Graph.Pregel;

internal sealed partial class PregelLoop
{
    /// <summary>
    /// Continues the thread from its checkpoint (LangGraph's resume): saves the command's answers and writes, applies the
    /// writes that belong to no task, and marks every channel version as seen by the breakpoints, so the paused step
    /// runs again without stopping at the breakpoint it stopped at.
    /// </summary>
    private async ValueTask ContinueAsync(Command? command)
    {
        IsResuming = true;
        if (scope.IsRoot)
        {
            foreach (var write in _pendingWrites.Where(w => w.Channel == SpecialChannels.Resume))
            {
                scope.Run.Answers.TryAdd(write.TaskId, Packets.ToJson(write.Value, "resume value"));
            }
        }

        if (command is not null)
        {
            await ApplyCommandAsync(command).ConfigureAwait(false);
        }

        var unowned = _pendingWrites.Where(w => w.TaskId == Reserved.NullTaskId && !Reserved.IsStatusWrite(w.Channel)).Select(w => new ChannelWrite(w.Channel, w.Value)).ToList();
        if (unowned.Count > 0)
        {
            WriteApplier.Apply(_checkpoint, _channels, [], unowned, bumpStep: false, NextVersion);
        }

        _checkpoint.VersionsSeen[Reserved.InterruptSeen] = new Dictionary<string, string>(_checkpoint.ChannelVersions, StringComparer.Ordinal);
        EmitState(_channels, []);
    }

    private async ValueTask ApplyCommandAsync(Command command)
    {
        var answers = command.IsResume ? ResolveAnswers(command) : [];
        if (command.HasResumeValue)
        {
            scope.Run.SetSingleAnswer(answers[0].Id, answers[0].Answer);
        }

        var writes = graph.MapCommand(command);
        if (writes.Count > 0)
        {
            await SaveWritesAsync(Reserved.NullTaskId, string.Empty, writes).ConfigureAwait(false);
            _pendingWrites.AddRange(writes.Select(w => new PendingWrite(Reserved.NullTaskId, w.Channel, w.Value)));
        }

        // An answer is saved under its interrupt's id, so it answers exactly that interrupt, even after a restart.
        foreach (var (id, answer) in answers)
        {
            scope.Run.Answers[id] = answer;
            await SaveWritesAsync(id, string.Empty, [new ChannelWrite(SpecialChannels.Resume, answer?.DeepClone())]).ConfigureAwait(false);
        }
    }

    private List<(string Id, JsonNode? Answer)> ResolveAnswers(Command command)
    {
        var pending = PendingInterrupts();
        var ids = string.Join(", ", pending.Select(i => i.Id));
        if (command.ResumeByInterruptId is { } byId)
        {
            var unknown = byId.Keys.Where(k => !pending.Exists(i => i.Id == k)).ToList();
            if (unknown.Count > 0)
            {
                throw new ArgumentException(
                    $"Cannot resume interrupt(s) {string.Join(", ", unknown)}: thread '{scope.Config.ThreadId}' has no such pending interrupt (pending: {(ids.Length == 0 ? "none" : ids)}). " +
                    "To answer with a dictionary value instead, pass it as an object: Command.Resume((object)value).",
                    nameof(command));
            }

            return [.. byId.Select(p => (p.Key, Packets.ToJson(p.Value, "resume value")))];
        }

        return pending.Count switch
        {
            1 => [(pending[0].Id, Packets.ToJson(command.ResumeValue, "resume value"))],
            0 => throw new InvalidOperationException(
                $"Thread '{scope.Config.ThreadId}' has no pending interrupt to answer. To continue a thread paused at a breakpoint or after a failure, invoke it with null input."),
            _ => throw new InvalidOperationException(
                $"Thread '{scope.Config.ThreadId}' has {pending.Count} pending interrupts ({ids}), so a single answer is ambiguous: " +
                "answer them by id with Command.Resume(new Dictionary<string, object?> { [interrupt.Id] = answer, ... })."),
        };
    }

    /// <summary>The interrupts of unfinished tasks that have no answer yet, in task order, each once.</summary>
    private List<Interrupt> PendingInterrupts()
    {
        var finished = _pendingWrites.Where(w => Reserved.MarksFinished(w.Channel)).Select(w => w.TaskId).ToHashSet(StringComparer.Ordinal);
        return _pendingWrites
            .Where(w => w.Channel == SpecialChannels.Interrupt && !finished.Contains(w.TaskId))
            .SelectMany(w => Packets.ReadInterrupts(w.Value))
            .Where(i => !scope.Run.Answers.ContainsKey(i.Id))
            .DistinctBy(i => i.Id)
            .ToList();
    }

    /// <summary>The answers a task consumed before (its <c>__resume__</c> write), in the order of its <c>Interrupt</c> calls.</summary>
    public List<JsonNode?> SavedAnswers(string taskId) =>
        _pendingWrites.LastOrDefault(w => w.TaskId == taskId && w.Channel == SpecialChannels.Resume) is { } write ? Packets.ReadAnswers(write.Value) : [];

    /// <summary>
    /// LangGraph's <c>should_interrupt</c>: a breakpoint fires when a channel changed since the breakpoints last looked
    /// (<c>versions_seen["__interrupt__"]</c>) and one of the step's tasks is listed.
    /// </summary>
    private bool ShouldInterrupt(IReadOnlyList<string> nodes, IReadOnlyList<PregelTask> tasks)
    {
        if (nodes.Count == 0 || !tasks.Any(t => nodes.Contains(Reserved.AllNodes) || nodes.Contains(t.Name)))
        {
            return false;
        }

        _checkpoint.VersionsSeen.TryGetValue(Reserved.InterruptSeen, out var seen);
        var changed = _checkpoint.ChannelVersions.Any(p => ChannelVersion.Compare(p.Value, seen?.GetValueOrDefault(p.Key)) > 0);
        if (changed && scope.Saver is null)
        {
            throw new InvalidOperationException(
                $"The graph reached a breakpoint at {string.Join(", ", tasks.Select(t => t.Name))}, but it has no checkpointer, so the run could never be resumed: compile it with one.");
        }

        return changed;
    }

    private void PauseAtBreakpoint(IReadOnlyList<PregelTask> next)
    {
        Next = [.. next.Select(t => t.Name)];
        EmitInterruptUpdate([]);
        throw new GraphInterruptException([]);
    }

    /// <summary>
    /// Ends a step in which tasks interrupted: no checkpoint is written; a root graph's output (and last values chunk)
    /// includes the updates of the tasks that finished, as LangGraph returns them.
    /// </summary>
    private void PauseForInterrupts()
    {
        var interrupts = _tasks.Where(t => t.Interrupts is not null).SelectMany(t => t.Interrupts!).DistinctBy(i => i.Id).ToList();
        Next = [.. _tasks.Where(t => t.Writes is null).Select(t => t.Name)];
        if (scope.IsRoot)
        {
            var checkpoint = _checkpoint.Clone(includeChannelValues: false);
            _output = _channels.ToDictionary(p => p.Key, p => p.Value.Clone(), StringComparer.Ordinal);
            var finished = _tasks.Where(t => t.Writes is not null).OrderBy(t => t.Path, StringComparer.Ordinal).ToList();
            WriteApplier.Apply(checkpoint, _output, finished, [.. finished.SelectMany(t => t.Writes!)], bumpStep: false, NextVersion);
            EmitInterruptUpdate(interrupts);
            EmitState(_output, interrupts);
        }

        throw new GraphInterruptException(interrupts);
    }
}
