using System.Runtime.CompilerServices;

namespace Checkpoint;

/// <summary>
/// Observes a streamed read (list, list threads): the span lasts from the first item requested to the end of the
/// enumeration and records how many items were returned. Between items the caller's own span is current again.
/// </summary>
internal static class ObservedStream
{
    public static IEnumerable<T> Of<T>(ComponentTelemetry telemetry, string operation, string? threadId, IEnumerable<T> source) =>
        telemetry.IsEnabled ? Observe(telemetry, operation, threadId, source) : source;

    public static IAsyncEnumerable<T> Of<T>(ComponentTelemetry telemetry, string operation, string? threadId, IAsyncEnumerable<T> source, CancellationToken cancellationToken) =>
        telemetry.IsEnabled ? ObserveAsync(telemetry, operation, threadId, source, cancellationToken) : source;

    private static IEnumerable<T> Observe<T>(ComponentTelemetry telemetry, string operation, string? threadId, IEnumerable<T> source)
    {
        var observed = telemetry.Start(operation, threadId);
        observed.Detach();
        observed.ReturnedRows = 0;
        try
        {
            using var enumerator = source.GetEnumerator();
            while (Step(observed, enumerator))
            {
                observed.ReturnedRows++;
                yield return enumerator.Current;
            }
        }
        finally
        {
            End(observed);
        }
    }

    private static async IAsyncEnumerable<T> ObserveAsync<T>(ComponentTelemetry telemetry, string operation, string? threadId, IAsyncEnumerable<T> source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var observed = telemetry.Start(operation, threadId);
        observed.Detach();
        observed.ReturnedRows = 0;
        try
        {
            await using var enumerator = source.GetAsyncEnumerator(cancellationToken);
            while (await StepAsync(observed, enumerator).ConfigureAwait(false))
            {
                observed.ReturnedRows++;
                yield return enumerator.Current;
            }
        }
        finally
        {
            End(observed);
        }
    }

    // Ended while current, so stopping the span restores exactly the caller's span.
    private static void End(StorageOperation observed)
    {
        var outside = observed.Enter();
        observed.Dispose();
        outside.Restore();
    }

    private static bool Step<T>(StorageOperation observed, IEnumerator<T> enumerator)
    {
        var outside = observed.Enter();
        try
        {
            return enumerator.MoveNext();
        }
        catch (Exception e)
        {
            observed.Fail(e);
            throw;
        }
        finally
        {
            outside.Restore();
        }
    }

    private static async ValueTask<bool> StepAsync<T>(StorageOperation observed, IAsyncEnumerator<T> enumerator)
    {
        var outside = observed.Enter();
        try
        {
            return await enumerator.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            observed.Fail(e);
            throw;
        }
        finally
        {
            outside.Restore();
        }
    }
}
