namespace Checkpoint.Graph.Pregel;

internal sealed partial class PregelLoop
{
    /// <summary>Marks the tasks that finished before a failure or an interrupt as done, with the writes they saved.</summary>
    private void ReuseFinishedWrites()
    {
        foreach (var task in _tasks)
        {
            var saved = _pendingWrites.Where(w => w.TaskId == task.Id).ToList();
            if (saved.Exists(w => Reserved.MarksFinished(w.Channel)))
            {
                task.Writes = [.. saved.Where(w => !Reserved.IsStatusWrite(w.Channel)).Select(w => new ChannelWrite(w.Channel, w.Value))];
                EmitUpdate(task.Name, task.Writes);
            }
        }
    }

    private async ValueTask RunTaskAsync(PregelTask task)
    {
        var context = CreateContext(task.Name, task.Id, task.Path, task.Triggers);
        EmitTaskStart(task);
        try
        {
            scope.CancellationToken.ThrowIfCancellationRequested();
            context.MakeCurrent();
            var writes = await task.Node.Run(new NodeInvocation(_channels, context, sendArg: task.SendArg)).ConfigureAwait(false);
            List<ChannelWrite> saved = writes.Count == 0 ? [new ChannelWrite(Reserved.NoWrites, null)] : [.. writes];
            if (context.ResumeWrite() is { } answers)
            {
                saved.Add(answers);
            }

            await SaveWritesAsync(task.Id, task.Path, saved).ConfigureAwait(false);
            task.Writes = writes;
            EmitUpdate(task.Name, writes);
            EmitOutputMessages(context, writes);
            EmitTaskResult(task);
        }
        catch (GraphInterruptException e)
        {
            // The node's other writes are dropped: it runs again from its start when the thread is resumed.
            List<ChannelWrite> saved = [new ChannelWrite(SpecialChannels.Interrupt, Packets.InterruptWrite(e.Interrupts))];
            if (context.ResumeWrite() is { } answers)
            {
                saved.Add(answers);
            }

            try
            {
                await SaveWritesAsync(task.Id, task.Path, saved).ConfigureAwait(false);
                task.Interrupts = e.Interrupts;
                EmitTaskResult(task);
            }
#pragma warning disable CA1031 // A failed save is the task's error: the run must fail, not pause without its interrupt.
            catch (Exception saveError)
#pragma warning restore CA1031
            {
                task.Error = saveError;
            }
        }
        catch (ParentCommandException e) when (!scope.IsRoot)
        {
            task.ParentCommand = e;
        }
#pragma warning disable CA1031 // Every failure is recorded on the task; TickAsync rethrows the first one.
        catch (Exception e)
#pragma warning restore CA1031
        {
            task.Error = e is ParentCommandException
                ? new InvalidUpdateException($"Node '{task.Name}' returned a command with Graph = Command.Parent, but this graph has no parent: only a subgraph's node can address its parent.")
                : e;
            if (e is not OperationCanceledException)
            {
                await TrySaveErrorAsync(task, task.Error).ConfigureAwait(false);
            }

            EmitTaskResult(task);
        }
    }

    private async ValueTask TrySaveErrorAsync(PregelTask task, Exception error)
    {
        try
        {
            await SaveWritesAsync(task.Id, task.Path, [new ChannelWrite(SpecialChannels.Error, $"{error.GetType().Name}: {error.Message}")]).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The task's own exception is what the caller must see; failing to record it must not replace it.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private NodeContext CreateContext(string node, string taskId, string taskPath, IReadOnlyList<string> triggers) =>
        new(this, node, taskId, taskPath, TaskIds.TaskNamespace(scope.Namespace, node, taskId), _step, triggers);
}
