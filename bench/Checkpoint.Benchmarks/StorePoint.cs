namespace Checkpoint.Benchmarks;

/// <summary>One store-mode figure: an operation's median latency with a given number of items in the store.</summary>
/// <param name="Op">The operation.</param>
/// <param name="Items">The number of items stored.</param>
/// <param name="P50Us">Median latency in microseconds.</param>
/// <param name="AllocBytesPerOp">Managed bytes allocated per operation (whole process).</param>
/// <param name="Samples">How many operations were timed.</param>
internal sealed record StorePoint(string Op, int Items, double P50Us, long AllocBytesPerOp, int Samples);
