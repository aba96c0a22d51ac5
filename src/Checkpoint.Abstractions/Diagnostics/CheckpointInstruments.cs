using System.Diagnostics.Metrics;

namespace Checkpoint;

/// <summary>The instruments of <see cref="CheckpointTelemetry.Meter"/>, created once for the process.</summary>
internal static class CheckpointInstruments
{
    public static readonly Histogram<double> OperationDuration = CheckpointTelemetry.Meter.CreateHistogram(
        CheckpointTelemetry.OperationDuration,
        "s",
        "Duration of checkpointer and store operations.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    public static readonly Histogram<long> BytesWritten = CheckpointTelemetry.Meter.CreateHistogram<long>(
        CheckpointTelemetry.BytesWritten, "By", "Serialized bytes one operation sends to the database.");

    public static readonly Histogram<long> BytesRead = CheckpointTelemetry.Meter.CreateHistogram<long>(
        CheckpointTelemetry.BytesRead, "By", "Serialized bytes one operation loads from the database.");

    public static readonly Histogram<long> ChunksWritten = CheckpointTelemetry.Meter.CreateHistogram<long>(
        CheckpointTelemetry.ChunksWritten, "{chunk}", "Chunks of long lists one put writes.");

    public static readonly Histogram<long> ChunksReused = CheckpointTelemetry.Meter.CreateHistogram<long>(
        CheckpointTelemetry.ChunksReused, "{chunk}", "Chunks of long lists one put references without writing them again.");

    public static readonly Histogram<long> CacheHits = CheckpointTelemetry.Meter.CreateHistogram<long>(
        CheckpointTelemetry.CacheHits, "{hit}", "Values (chunks of long lists) one operation serves from the saver's in-process cache instead of the database.");

    public static readonly Histogram<long> CacheMisses = CheckpointTelemetry.Meter.CreateHistogram<long>(
        CheckpointTelemetry.CacheMisses, "{miss}", "Values (chunks of long lists) one operation loads from the database because the cache did not hold them.");

    public static readonly Counter<long> Retries = CheckpointTelemetry.Meter.CreateCounter<long>(
        CheckpointTelemetry.Retries, "{retry}", "Retries after a transient failure.");

    public static readonly Counter<long> LockWaits = CheckpointTelemetry.Meter.CreateCounter<long>(
        CheckpointTelemetry.LockWaits, "{wait}", "Waits for a lock held by another connection or process.");

    public static readonly Histogram<double> LockWaitDuration = CheckpointTelemetry.Meter.CreateHistogram<double>(
        CheckpointTelemetry.LockWaitDuration, "s", "How long lock waits lasted.");

    /// <summary>Gets whether any instrument has a listener (each check is a field read).</summary>
    public static bool AnyEnabled =>
        OperationDuration.Enabled || BytesWritten.Enabled || BytesRead.Enabled || ChunksWritten.Enabled || ChunksReused.Enabled
        || CacheHits.Enabled || CacheMisses.Enabled || Retries.Enabled || LockWaits.Enabled || LockWaitDuration.Enabled;
}
