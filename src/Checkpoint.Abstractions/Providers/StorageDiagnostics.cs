using System.Globalization;

namespace Checkpoint.Providers;

/// <summary>
/// What a backend reports while an operation runs: retries, lock waits, migrations, bytes it loaded and cache hits.
/// Each report attaches to the operation the base class started on the calling flow (its span, metrics and logs); with
/// no listener and no logger there is no such operation and a report costs one read of an async-local.
/// </summary>
public static class StorageDiagnostics
{
    /// <summary>Reports that the current operation retries after a transient failure.</summary>
    /// <param name="reason">A short, fixed description such as <c>"database busy"</c> (no ids, no values).</param>
    /// <param name="attempt">The attempt about to start (2 for the first retry).</param>
    public static void ReportRetry(string reason, int attempt) => StorageOperation.Current?.Retry(reason, attempt);

    /// <summary>Reports that the current operation waited for a lock another connection or process held.</summary>
    /// <param name="lockName">A short, fixed name of the lock such as <c>"write"</c> or <c>"migration"</c>.</param>
    /// <param name="waited">How long it waited.</param>
    public static void ReportLockWait(string lockName, TimeSpan waited) => StorageOperation.Current?.LockWaited(lockName, waited);

    /// <summary>Reports that the current setup applied a schema migration.</summary>
    /// <param name="version">The version the migration brings the schema to.</param>
    public static void ReportMigrationApplied(int version) =>
        StorageOperation.Current?.MigrationApplied(version.ToString(CultureInfo.InvariantCulture));

    /// <summary>Reports serialized bytes the current operation loaded from the database (the base class already counts the values it deserializes).</summary>
    /// <param name="bytes">The bytes.</param>
    public static void ReportBytesRead(long bytes) => StorageOperation.Current?.AddBytesRead(bytes);

    /// <summary>Reports values the current operation served from an in-process cache instead of the database.</summary>
    /// <param name="hits">How many.</param>
    public static void ReportCacheHits(int hits) => StorageOperation.Current?.AddCacheHits(hits);
}
