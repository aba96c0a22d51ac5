namespace Checkpoint.Benchmarks;

/// <summary>Everything measured for one backend.</summary>
internal sealed class BackendResult
{
    public required string Backend { get; init; }

    public List<OperationResult> Operations { get; } = [];

    public List<OperationResult> Floor { get; } = [];

    /// <summary>Gets or sets the bytes held for the benchmark thread after the put workload.</summary>
    public long? ThreadBytes { get; set; }

    /// <summary>Gets or sets how much the database grew, as an operator sees it (see <see cref="IBenchBackend.MeasureDatabaseBytesAsync"/>), over the put workload.</summary>
    public long? DatabaseBytesAdded { get; set; }

    /// <summary>Gets the bytes one put added to the thread's storage, by step number (100 and 2,000).</summary>
    public SortedDictionary<int, long> BytesPerStep { get; } = [];

    /// <summary>Gets scale-mode latencies: key such as <c>latest@10</c>, value p50 microseconds.</summary>
    public SortedDictionary<string, double> Scale { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets scaling-mode figures: one per operation and conversation length.</summary>
    public List<ScalingPoint> Scaling { get; } = [];

    /// <summary>Gets store-mode figures: one per operation and store size.</summary>
    public List<StorePoint> Store { get; } = [];

    public string? Error { get; set; }
}
