using System.Diagnostics;

namespace Checkpoint.Benchmarks;

/// <summary>
/// Times a sequence of operations: per-operation latency, throughput, and the bytes allocated while the operations
/// ran (whole process, so the drivers' own allocations count; the harness's work between operations does not).
/// </summary>
internal sealed class LatencyRecorder
{
    private readonly List<double> _micros = [];
    private long _startTimestamp;
    private long _elapsedTicks;
    private long _allocated;

    public int Count => _micros.Count;

    public void Start() => _startTimestamp = Stopwatch.GetTimestamp();

    public async Task TimeAsync(Func<Task> operation)
    {
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var before = Stopwatch.GetTimestamp();
        await operation().ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(before);
        _allocated += GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        _micros.Add(elapsed.TotalMicroseconds);
    }

    public void Stop() => _elapsedTicks = Stopwatch.GetTimestamp() - _startTimestamp;

    public OperationResult ToResult(string operation)
    {
        var sorted = _micros.Order().ToArray();
        var seconds = (double)_elapsedTicks / Stopwatch.Frequency;
        return new OperationResult(
            operation,
            sorted.Length,
            seconds > 0 ? sorted.Length / seconds : 0,
            Percentile(sorted, 0.50),
            Percentile(sorted, 0.99),
            sorted.Length == 0 ? 0 : _allocated / sorted.Length);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
