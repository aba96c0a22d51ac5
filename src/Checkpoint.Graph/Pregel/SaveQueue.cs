namespace Checkpoint.Graph.Pregel;

/// <summary>
/// Runs a loop's saver calls: inline (awaited by the caller), or in the background one after another, so the next step
/// overlaps the save (<see cref="Durability.Async"/>). Background saves keep their order: a checkpoint's put lands before
/// the writes of the tasks that run against it, and a failed save stops every later one.
/// </summary>
internal sealed class SaveQueue(bool background)
{
    private readonly Lock _lock = new();
    private Task _tail = Task.CompletedTask;

    public ValueTask RunAsync(Func<ValueTask> save)
    {
        if (!background)
        {
            return save();
        }

        lock (_lock)
        {
            _tail = After(_tail, save);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Throws the error of a background save that already failed, so the run stops at the next step.</summary>
    public ValueTask ThrowIfFailedAsync() => _tail.IsFaulted ? new ValueTask(_tail) : ValueTask.CompletedTask;

    /// <summary>Waits for every background save.</summary>
    public ValueTask DrainAsync() => new(_tail);

    private static async Task After(Task previous, Func<ValueTask> save)
    {
        await previous.ConfigureAwait(false);
        await save().ConfigureAwait(false);
    }
}
