using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Checkpoint;

/// <summary>
/// The names under which every checkpointer and store of the family reports traces and metrics, with
/// <see cref="System.Diagnostics"/> only: subscribe with OpenTelemetry
/// (<c>tracing.AddSource(CheckpointTelemetry.ActivitySourceName)</c>, <c>metrics.AddMeter(CheckpointTelemetry.MeterName)</c>)
/// or with an <see cref="ActivityListener"/> and a <see cref="MeterListener"/>.
/// </summary>
/// <remarks>
/// <para>
/// Spans follow OpenTelemetry's database client conventions: one client span per operation, named
/// <c>"{db.operation.name} {db.collection.name}"</c> (<c>put checkpoints</c>, <c>search store</c>), with
/// <c>db.system.name</c>, <c>db.operation.name</c>, <c>db.collection.name</c>, <c>db.namespace</c> when the backend has
/// one, <c>db.operation.batch.size</c> for store batches and <c>error.type</c> when it fails. Thread ids are added
/// (<c>checkpoint.thread_id</c>) only when <see cref="CheckpointDiagnosticsOptions.RecordThreadIds"/> is set; values,
/// store keys, namespaces and connection strings never are.
/// </para>
/// <para>
/// Metrics carry the same low-cardinality attributes (never a thread id). See the instrument name constants for what
/// each records.
/// </para>
/// </remarks>
public static class CheckpointTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> of every checkpointer and store: <c>Checkpoint</c>.</summary>
    public const string ActivitySourceName = "Checkpoint";

    /// <summary>The name of the <see cref="Meter"/> of every checkpointer and store: <c>Checkpoint</c>.</summary>
    public const string MeterName = "Checkpoint";

    /// <summary>Histogram of operation durations in seconds (OpenTelemetry's <c>db.client.operation.duration</c>).</summary>
    public const string OperationDuration = "db.client.operation.duration";

    /// <summary>Histogram of the serialized bytes one operation sends to the database (checkpoint, metadata, values, writes, store documents).</summary>
    public const string BytesWritten = "checkpoint.operation.bytes_written";

    /// <summary>Histogram of the serialized value bytes one read operation loads from the database.</summary>
    public const string BytesRead = "checkpoint.operation.bytes_read";

    /// <summary>Histogram of the chunks of long lists one put writes.</summary>
    public const string ChunksWritten = "checkpoint.operation.chunks_written";

    /// <summary>Histogram of the chunks of long lists one put references without writing them again (stored by an earlier put).</summary>
    public const string ChunksReused = "checkpoint.operation.chunks_reused";

    /// <summary>
    /// Histogram of the values one operation serves from the saver's in-process cache instead of the database: the
    /// chunks of long lists a read finds in the chunk cache (their bytes are not fetched and, once parsed, their items
    /// not parsed again). Recorded with <see cref="CacheMisses"/> for every operation that read such values.
    /// </summary>
    public const string CacheHits = "checkpoint.operation.cache_hits";

    /// <summary>
    /// Histogram of the values one operation had to load from the database because the cache did not hold them (chunks
    /// of long lists read for the first time by this saver, or evicted). <c>sum(cache_hits) / (sum(cache_hits) +
    /// sum(cache_misses))</c> is the cache's hit ratio.
    /// </summary>
    public const string CacheMisses = "checkpoint.operation.cache_misses";

    /// <summary>Counter of retries after a transient failure (a busy database file, a conflicting transaction).</summary>
    public const string Retries = "checkpoint.retries";

    /// <summary>Counter of waits for a lock another connection or process holds (a write lock, a migration lock).</summary>
    public const string LockWaits = "checkpoint.lock_waits";

    /// <summary>Histogram of how long lock waits lasted, in seconds.</summary>
    public const string LockWaitDuration = "checkpoint.lock_wait.duration";

    internal static readonly string Version =
        typeof(CheckpointTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(CheckpointTelemetry).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    internal static readonly ActivitySource Source = new(ActivitySourceName, Version);

    internal static readonly Meter Meter = new(MeterName, Version);
}
