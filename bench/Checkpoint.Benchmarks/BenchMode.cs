namespace Checkpoint.Benchmarks;

/// <summary>Which workload a run measures.</summary>
internal enum BenchMode
{
    /// <summary>The fixed workload of DESIGN.md §9, with its driver floor.</summary>
    Standard,

    /// <summary>Latest and list latency on a short and a very long thread among a million checkpoints.</summary>
    Scale,

    /// <summary>Per-operation cost as the conversation grows (10 to 10,000 messages).</summary>
    Scaling,

    /// <summary>The long-term memory store at 1,000 to 100,000 items.</summary>
    Store,
}
