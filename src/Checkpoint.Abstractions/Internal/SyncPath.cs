namespace Checkpoint;

/// <summary>
/// Ends the sync path of an operation whose core ran with <c>async: false</c>: such a core did its I/O with the
/// driver's synchronous API, so its task is complete and reading the result blocks on nothing.
/// </summary>
internal static class SyncPath
{
    public static void Wait(Task task) => task.GetAwaiter().GetResult();

    public static T Result<T>(Task<T> task) => task.GetAwaiter().GetResult();
}
