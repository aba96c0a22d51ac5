namespace Checkpoint.Benchmarks;

/// <summary>One scaling-mode figure: an operation's median latency on a conversation of a given length.</summary>
/// <param name="Op">The operation: <c>put</c>, <c>put_writes</c>, <c>get_warm</c>, <c>get_cold</c> or <c>list</c>.</param>
/// <param name="History">The number of messages in the conversation.</param>
/// <param name="P50Us">Median latency in microseconds.</param>
/// <param name="AllocBytesPerOp">Managed bytes allocated per operation (whole process).</param>
/// <param name="Samples">How many operations were timed.</param>
internal sealed record ScalingPoint(string Op, int History, double P50Us, long AllocBytesPerOp, int Samples);
