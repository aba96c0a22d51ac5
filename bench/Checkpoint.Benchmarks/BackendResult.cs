namespace Checkpoint.Benchmarks;

/// <summary>Everything measured for one backend.</summary>
internal sealed class BackendResult
{
    public required string Backend { get; init; }

    public List<OperationResult> Operations { get; } = [];

    public List<OperationResult> Floor { get; } = [];

    /// <summary>Gets or sets the bytes held for the benchmark thread after the put workload.</summary>
    public long? ThreadBytes { get; set; }

    /// <summary>Gets the bytes one put added to the thread's storage, by step number (100 and 2,000).</summary>
    public SortedDictionary<int, long> BytesPerStep { get; } = [];

    /// <summary>Gets scale-mode latencies: key such as <c>latest@10</c>, value p50 microseconds.</summary>
    public SortedDictionary<string, double> Scale { get; } = new(StringComparer.Ordinal);

    public string? Error { get; set; }
}
