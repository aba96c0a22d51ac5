namespace Checkpoint.Sqlite.Internal;

/// <summary>How <see cref="SqliteDatabase.RunAsync"/> wraps a unit of work.</summary>
internal enum SqliteAccess
{
    /// <summary>A deferred (read) transaction: one consistent snapshot, no lock on writers.</summary>
    Read,

    /// <summary>A <c>BEGIN IMMEDIATE</c> transaction, queued behind the process-wide write gate.</summary>
    Write,

    /// <summary>A deferred transaction that may write (a read that refreshes TTL); retried as <see cref="Write"/> when the upgrade is refused.</summary>
    ReadThenMaybeWrite,

    /// <summary>No transaction (statements such as <c>PRAGMA journal_mode</c> that cannot run inside one), behind the write gate.</summary>
    Exclusive,
}
