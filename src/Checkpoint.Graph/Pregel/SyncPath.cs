namespace Checkpoint.Graph.Pregel;

/// <summary>
/// Completes the sync path of code written once for both paths. On the sync path every awaited operation already
/// completed synchronously; only an async delegate a user handed to a sync call can still be running, and then this blocks.
/// </summary>
internal static class SyncPath
{
    public static T Wait<T>(ValueTask<T> task) => task.IsCompleted ? task.GetAwaiter().GetResult() : task.AsTask().GetAwaiter().GetResult();

    public static void Wait(ValueTask task)
    {
        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult();
        }
        else
        {
            task.AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Runs a user delegate that returns a task: awaited on the async path, waited for on the sync path.</summary>
    public static ValueTask<T> Run<T>(Task<T> task, bool isAsync) => isAsync ? new ValueTask<T>(task) : new ValueTask<T>(task.GetAwaiter().GetResult());
}
