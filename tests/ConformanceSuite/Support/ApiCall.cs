using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Calls one operation through the sync or the async API, and when it throws, writes which operation and which API to
/// the test's output before the exception propagates unchanged (tests assert exception types), so a failure names the
/// operation that failed even when the exception does not.
/// </summary>
internal static class ApiCall
{
    public static async Task<T> RunAsync<T>(ApiMode mode, string operation, Func<T> sync, Func<Task<T>> async)
    {
        try
        {
            // In sync mode the sync method runs on the calling thread, before this method's first await.
            return mode == ApiMode.Sync ? sync() : await async().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{operation} through the {(mode == ApiMode.Sync ? "sync" : "async")} API threw {e.GetType().FullName}: {e.Message}");
            throw;
        }
    }

    public static Task RunAsync(ApiMode mode, string operation, Action sync, Func<Task> async) =>
        RunAsync(
            mode,
            operation,
            () =>
            {
                sync();
                return true;
            },
            async () =>
            {
                await async().ConfigureAwait(false);
                return true;
            });
}
