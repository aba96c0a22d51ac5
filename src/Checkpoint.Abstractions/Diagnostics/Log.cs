using Microsoft.Extensions.Logging;

namespace Checkpoint;

/// <summary>The log messages of checkpointers and stores (source generated). None is logged at Information on the hot path.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Set up the {System} {Collection} schema in {ElapsedMilliseconds:F1} ms; migrations applied: {Versions}.")]
    public static partial void SetupApplied(ILogger logger, string system, string collection, double elapsedMilliseconds, string versions);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "The {System} {Collection} schema was current; setup took {ElapsedMilliseconds:F1} ms.")]
    public static partial void SetupCurrent(ILogger logger, string system, string collection, double elapsedMilliseconds);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Slow {Operation} on {System} {Collection}: {ElapsedMilliseconds:F1} ms (threshold {ThresholdMilliseconds} ms).")]
    public static partial void SlowOperation(ILogger logger, string operation, string system, string collection, double elapsedMilliseconds, double thresholdMilliseconds);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "{Operation} on {System} {Collection} found damaged data it cannot load.")]
    public static partial void DamagedData(ILogger logger, string operation, string system, string collection, Exception exception);

    [LoggerMessage(EventId = 104, Level = LogLevel.Debug, Message = "Waited {ElapsedMilliseconds:F1} ms for the {Lock} lock during {Operation} on {System}.")]
    public static partial void LockWaited(ILogger logger, double elapsedMilliseconds, string @lock, string operation, string system);

    [LoggerMessage(EventId = 105, Level = LogLevel.Debug, Message = "Retrying {Operation} on {System} after {Reason} (attempt {Attempt}).")]
    public static partial void Retrying(ILogger logger, string operation, string system, string reason, int attempt);
}
