using System.Diagnostics;

namespace Checkpoint;

/// <summary>
/// One running checkpointer or store operation: it owns the span, measures the duration, collects what the backend
/// reports while it runs (through <see cref="Current"/>) and records metrics and logs when disposed.
/// </summary>
internal sealed class StorageOperation : IDisposable
{
    private static readonly AsyncLocal<StorageOperation?> s_current = new();

    private readonly ComponentTelemetry _telemetry;
    private readonly string _name;
    private readonly Activity? _activity;
    private readonly long _started;
    private readonly StorageOperation? _previous;
    private Exception? _error;
    private long _bytesRead;
    private long _cacheHits;
    private long _cacheMisses;
    private List<string>? _migrations;

    private StorageOperation(ComponentTelemetry telemetry, string name, Activity? activity)
    {
        _telemetry = telemetry;
        _name = name;
        _activity = activity;
        _started = Stopwatch.GetTimestamp();
        _previous = s_current.Value;
    }

    /// <summary>Gets the operation running on this asynchronous flow, if any.</summary>
    public static StorageOperation? Current => s_current.Value;

    /// <summary>Starts an operation and makes it <see cref="Current"/> for the calling flow.</summary>
    public static StorageOperation Begin(ComponentTelemetry telemetry, string name, Activity? activity)
    {
        var operation = new StorageOperation(telemetry, name, activity);
        s_current.Value = operation;
        return operation;
    }

    /// <summary>Sets the number of operations of a store batch (<c>db.operation.batch.size</c>, recorded when more than one).</summary>
    public int BatchSize
    {
        set
        {
            if (value > 1)
            {
                _activity?.SetTag("db.operation.batch.size", value);
            }
        }
    }

    /// <summary>Gets or sets how many items a streamed read returned (<c>db.response.returned_rows</c>).</summary>
    public int? ReturnedRows { get; set; }

    /// <summary>
    /// Makes the caller's span and operation current again right after <see cref="Begin"/>: a streamed read runs its
    /// steps inside <see cref="Enter"/> and gives control back to the caller between items.
    /// </summary>
    public void Detach()
    {
        s_current.Value = _previous;
        if (_activity is not null && Activity.Current == _activity)
        {
            Activity.Current = _activity.Parent;
        }
    }

    /// <summary>Makes this operation and its span current (one step of a streamed read).</summary>
    /// <returns>What to restore afterwards.</returns>
    public Scope Enter()
    {
        var scope = new Scope(s_current.Value, Activity.Current);
        s_current.Value = this;
        if (_activity is not null)
        {
            Activity.Current = _activity;
        }

        return scope;
    }

    /// <summary>Records that the operation failed with <paramref name="error"/>.</summary>
    public void Fail(Exception error) => _error = error;

    public void AddBytesRead(long bytes) => Interlocked.Add(ref _bytesRead, bytes);

    public void AddCacheHits(long hits) => Interlocked.Add(ref _cacheHits, hits);

    /// <summary>Counts the chunks of long lists a read took from the saver's cache (hits) and loaded from the database (misses).</summary>
    public void AddChunkReads(long hits, long misses)
    {
        Interlocked.Add(ref _cacheHits, hits);
        Interlocked.Add(ref _cacheMisses, misses);
    }

    public void RecordBytesWritten(long bytes) => CheckpointInstruments.BytesWritten.Record(bytes, Tags());

    public void RecordChunks(long written, long reused)
    {
        CheckpointInstruments.ChunksWritten.Record(written, Tags());
        CheckpointInstruments.ChunksReused.Record(reused, Tags());
    }

    public void Retry(string reason, int attempt)
    {
        CheckpointInstruments.Retries.Add(1, Tags());
        _activity?.AddEvent(new ActivityEvent("checkpoint.retry", tags: new ActivityTagsCollection { ["checkpoint.retry.reason"] = reason, ["checkpoint.retry.attempt"] = attempt }));
        if (_telemetry.Logger is { } logger)
        {
            Log.Retrying(logger, _name, _telemetry.System, reason, attempt);
        }
    }

    public void LockWaited(string lockName, TimeSpan waited)
    {
        var tags = Tags();
        tags.Add("checkpoint.lock.name", lockName);
        CheckpointInstruments.LockWaits.Add(1, tags);
        CheckpointInstruments.LockWaitDuration.Record(waited.TotalSeconds, tags);
        _activity?.AddEvent(new ActivityEvent("checkpoint.lock_wait", tags: new ActivityTagsCollection { ["checkpoint.lock.name"] = lockName, ["checkpoint.lock.wait_seconds"] = waited.TotalSeconds }));
        if (_telemetry.Logger is { } logger)
        {
            Log.LockWaited(logger, waited.TotalMilliseconds, lockName, _name, _telemetry.System);
        }
    }

    public void MigrationApplied(string version)
    {
        lock (this)
        {
            (_migrations ??= []).Add(version);
        }

        _activity?.AddEvent(new ActivityEvent("checkpoint.migration", tags: new ActivityTagsCollection { ["checkpoint.migration.version"] = version }));
    }

    /// <summary>Ends the operation: status and <c>error.type</c> on the span, duration and collected metrics, logs.</summary>
    public void Dispose()
    {
        if (s_current.Value == this)
        {
            s_current.Value = _previous;
        }

        var elapsed = Stopwatch.GetElapsedTime(_started);
        var tags = Tags();
        if (_bytesRead > 0)
        {
            CheckpointInstruments.BytesRead.Record(_bytesRead, tags);
        }

        // Both or neither, so that hits / (hits + misses) is the hit ratio of the reads that met cacheable values.
        if (_cacheHits > 0 || _cacheMisses > 0)
        {
            CheckpointInstruments.CacheHits.Record(_cacheHits, tags);
            CheckpointInstruments.CacheMisses.Record(_cacheMisses, tags);
        }

        if (ReturnedRows is { } rows)
        {
            _activity?.SetTag("db.response.returned_rows", rows);
        }

        if (_error is not null)
        {
            var errorType = _error.GetType().FullName ?? _error.GetType().Name;
            tags.Add("error.type", errorType);
            _activity?.SetTag("error.type", errorType);
            _activity?.SetStatus(ActivityStatusCode.Error, _error.GetType().Name);
        }

        CheckpointInstruments.OperationDuration.Record(elapsed.TotalSeconds, tags);
        _activity?.Dispose();
        if (_telemetry.Logger is { } logger)
        {
            LogOutcome(logger, elapsed);
        }
    }

    private void LogOutcome(Microsoft.Extensions.Logging.ILogger logger, TimeSpan elapsed)
    {
        if (_name == Operations.Setup && _error is null)
        {
            if (_migrations is { Count: > 0 })
            {
                Log.SetupApplied(logger, _telemetry.System, _telemetry.Collection, elapsed.TotalMilliseconds, string.Join(", ", _migrations));
            }
            else
            {
                Log.SetupCurrent(logger, _telemetry.System, _telemetry.Collection, elapsed.TotalMilliseconds);
            }

            return;
        }

        if (_error is CheckpointSerializationException or CorruptCheckpointException)
        {
            Log.DamagedData(logger, _name, _telemetry.System, _telemetry.Collection, _error);
        }

        var threshold = _telemetry.Options.SlowOperationThreshold;
        if (threshold != Timeout.InfiniteTimeSpan && elapsed > threshold)
        {
            Log.SlowOperation(logger, _name, _telemetry.System, _telemetry.Collection, elapsed.TotalMilliseconds, threshold.TotalMilliseconds);
        }
    }

    private TagList Tags() => new()
    {
        { "db.system.name", _telemetry.System },
        { "db.operation.name", _name },
        { "db.collection.name", _telemetry.Collection },
    };

    /// <summary>The operation and span that were current before <see cref="Enter"/>.</summary>
    /// <param name="Operation">The operation.</param>
    /// <param name="Activity">The span.</param>
    public readonly record struct Scope(StorageOperation? Operation, Activity? Activity)
    {
        /// <summary>Makes them current again.</summary>
        public void Restore()
        {
            s_current.Value = Operation;
            System.Diagnostics.Activity.Current = Activity;
        }
    }
}
