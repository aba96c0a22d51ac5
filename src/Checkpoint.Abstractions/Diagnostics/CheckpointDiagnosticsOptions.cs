using Microsoft.Extensions.Logging;

namespace Checkpoint;

/// <summary>
/// Logging and tracing settings of a checkpointer or store. Traces and metrics need no setting: they are reported
/// whenever something listens to <see cref="CheckpointTelemetry.ActivitySourceName"/> or <see cref="CheckpointTelemetry.MeterName"/>.
/// </summary>
public sealed class CheckpointDiagnosticsOptions
{
    /// <summary>
    /// Gets or sets where log messages go: setup and migrations (Information), slow operations and damaged data
    /// (Warning), lock waits and retries (Debug). <see langword="null"/> logs nothing; registered through dependency
    /// injection, the container's <see cref="ILoggerFactory"/> is the default.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Gets or sets how long an operation may take before it is logged as slow (a Warning naming the operation and its
    /// duration, never ids or values). Default one second; <see cref="Timeout.InfiniteTimeSpan"/> turns it off.
    /// </summary>
    public TimeSpan SlowOperationThreshold { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets whether spans carry the thread id (<c>checkpoint.thread_id</c>). Default <see langword="false"/>:
    /// thread ids often embed user or session ids. Metrics never carry them.
    /// </summary>
    public bool RecordThreadIds { get; set; }
}
