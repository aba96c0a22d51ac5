using Npgsql;

namespace Checkpoint.Postgres.Internal;

/// <summary>
/// Turns server errors caused by the caller's input, or by a schema never set up, into the exceptions the contracts
/// promise, and only those: an error the caller's data did not cause is never reported as bad input.
/// </summary>
internal static class PostgresErrors
{
    /// <summary>
    /// Returns the exception to throw instead of <paramref name="e"/>, raised by <paramref name="batch"/>, or
    /// <see langword="null"/> to let it through unchanged.
    /// </summary>
    /// <param name="e">The server's error.</param>
    /// <param name="batch">The batch that raised it, whose parameters are the caller's input.</param>
    /// <param name="prepared">Whether the batch's statements were prepared.</param>
    /// <param name="component">What the executor serves, for the not-set-up message (for example "The PostgreSQL checkpointer schema 'public'").</param>
    public static Exception? Translate(PostgresException e, NpgsqlBatch batch, bool prepared, string component) => e.SqlState switch
    {
        // undefined_table, invalid_schema_name: Setup() was never run against this schema.
        PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName => new SchemaNotSetUpException(component, e.MessageText, e),

        // program_limit_exceeded from building an index entry: an identifier too large for a B-tree entry (about 2.7 kB
        // after compression). The B-tree error names the index; the generic one only says so in its text. Other limits
        // under the same code (array dimensions, for one) come from bytes the caller never sent.
        PostgresErrorCodes.ProgramLimitExceeded when IsIndexEntryTooLarge(e) => new ArgumentException(
            "A value is too large for PostgreSQL to index: identifiers (thread, namespace, checkpoint, task, channel, store key and namespace) " +
            $"must fit in a B-tree entry, about 2,700 bytes after compression. Nothing was written. ({e.MessageText})",
            e),

        // Characters PostgreSQL text cannot hold (NUL), caught here when they reach the server in a read. The same
        // codes also come from bytes bound to a statement of another shape (a pooler mixing prepared statements), so
        // the caller is blamed only when its input really holds NUL.
        PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter when BatchInput.ContainsNul(batch) =>
            new ArgumentException($"PostgreSQL cannot store or compare this text: {e.MessageText}. Nothing was written.", e),

        // A prepared statement missing, or already there under the same name: the connection is not the session that
        // prepared it, which is what a transaction-mode pooler does.
        PostgresErrorCodes.InvalidSqlStatementName or PostgresErrorCodes.DuplicatePreparedStatement when prepared => new NpgsqlException(
            $"PostgreSQL reports \"{e.MessageText}\" ({e.SqlState}): prepared statements do not survive the server connection changing under " +
            "the client, as it does behind PgBouncer or another pooler in transaction mode. Set TransactionPooling = true on the saver or " +
            "store options there.",
            e),
        _ => null,
    };

    private static bool IsIndexEntryTooLarge(PostgresException e) =>
        e.ConstraintName is not null || e.MessageText.StartsWith("index row ", StringComparison.Ordinal);
}
