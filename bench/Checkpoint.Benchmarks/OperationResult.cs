namespace Checkpoint.Benchmarks;

/// <summary>The measurement of one operation kind.</summary>
/// <param name="Operation">The operation, e.g. <c>put</c>.</param>
/// <param name="Count">How many operations were timed.</param>
/// <param name="OpsPerSecond">Throughput over the whole sequence.</param>
/// <param name="P50Micros">Median latency in microseconds.</param>
/// <param name="P99Micros">99th-percentile latency in microseconds.</param>
/// <param name="AllocatedBytesPerOp">Managed bytes allocated per operation (whole process).</param>
internal sealed record OperationResult(string Operation, int Count, double OpsPerSecond, double P50Micros, double P99Micros, long AllocatedBytesPerOp)
{
    /// <summary>Gets or sets the driver-floor operation this one is compared with.</summary>
    public string? FloorOperation { get; set; }

    /// <summary>Gets or sets this operation's p50 divided by the floor's p50 (the floor including serialization).</summary>
    public double? FloorRatio { get; set; }

    /// <summary>Gets or sets this operation's p50 divided by the raw driver floor's p50 (bytes only, no serializer).</summary>
    public double? RawFloorRatio { get; set; }
}
