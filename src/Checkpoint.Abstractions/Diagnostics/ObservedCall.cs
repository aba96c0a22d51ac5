namespace Checkpoint;

/// <summary>
/// Runs one operation inside a <see cref="StorageOperation"/> when anything listens, and directly otherwise. The state is
/// passed by value to a static lambda so the unobserved path allocates nothing.
/// </summary>
internal static class ObservedCall
{
    public static Task Run<TState>(ComponentTelemetry telemetry, string operation, string? threadId, TState state, Func<TState, StorageOperation?, Task> core) =>
        telemetry.IsEnabled ? RunObservedAsync(telemetry, operation, threadId, state, core) : core(state, null);

    public static Task<TResult> Run<TState, TResult>(ComponentTelemetry telemetry, string operation, string? threadId, TState state, Func<TState, StorageOperation?, Task<TResult>> core) =>
        telemetry.IsEnabled ? RunObservedAsync(telemetry, operation, threadId, state, core) : core(state, null);

    // Async methods restore the caller's async-locals when they return, so the span and the ambient operation never leak
    // into the caller, and with async: false the whole method completes synchronously.
    private static async Task RunObservedAsync<TState>(ComponentTelemetry telemetry, string operation, string? threadId, TState state, Func<TState, StorageOperation?, Task> core)
    {
        using var observed = telemetry.Start(operation, threadId);
        try
        {
            await core(state, observed).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            observed.Fail(e);
            throw;
        }
    }

    private static async Task<TResult> RunObservedAsync<TState, TResult>(ComponentTelemetry telemetry, string operation, string? threadId, TState state, Func<TState, StorageOperation?, Task<TResult>> core)
    {
        using var observed = telemetry.Start(operation, threadId);
        try
        {
            return await core(state, observed).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            observed.Fail(e);
            throw;
        }
    }
}
