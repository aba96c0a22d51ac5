namespace Checkpoint.Postgres.Internal;

/// <summary>One versioned schema step.</summary>
/// <param name="Version">The version recorded in the migrations table once the step has run.</param>
/// <param name="Sql">The statement(s), already schema-qualified.</param>
/// <param name="ConcurrentIndex">
/// For a <c>CREATE INDEX CONCURRENTLY</c> step, the index it builds: such a step cannot run inside a transaction, and
/// an interrupted build leaves an invalid index behind, which is dropped before the step is retried.
/// </param>
internal sealed record Migration(int Version, string Sql, string? ConcurrentIndex = null)
{
    /// <summary>Gets whether the step runs inside a transaction with the recording of its version.</summary>
    public bool IsTransactional => ConcurrentIndex is null;

    /// <summary>
    /// Returns this step as one that runs inside a transaction: a concurrent index build becomes a plain one, which
    /// blocks writes to its table while it builds (instant on an empty or small table).
    /// </summary>
    public Migration InTransaction()
    {
        const string Concurrent = "CREATE INDEX CONCURRENTLY ";
        if (IsTransactional)
        {
            return this;
        }

        if (!Sql.StartsWith(Concurrent, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Migration {Version} builds index {ConcurrentIndex} but does not start with {Concurrent.Trim()}.");
        }

        return this with { Sql = "CREATE INDEX " + Sql[Concurrent.Length..], ConcurrentIndex = null };
    }
}
