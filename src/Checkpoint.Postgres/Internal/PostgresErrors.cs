using Npgsql;

namespace Checkpoint.Postgres.Internal;

/// <summary>Turns server errors caused by the caller's input, or by a schema never set up, into the exceptions the contracts promise.</summary>
internal static class PostgresErrors
{
    /// <summary>
    /// Returns an <see cref="ArgumentException"/> for input PostgreSQL refused, a <see cref="SchemaNotSetUpException"/>
    /// when the schema or its tables are missing, or <see langword="null"/> for any other error.
    /// </summary>
    /// <param name="e">The server's error.</param>
    /// <param name="component">What the executor serves, for the not-set-up message (for example "The PostgreSQL checkpointer schema 'public'").</param>
    public static Exception? Translate(PostgresException e, string component) => e.SqlState switch
    {
        // undefined_table, invalid_schema_name: Setup() was never run against this schema.
        PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName => new SchemaNotSetUpException(component, e.MessageText, e),

        // program_limit_exceeded: an identifier too large for a B-tree entry (about 2.7 kB after compression).
        "54000" => new ArgumentException(
            "A value is too large for PostgreSQL to index: identifiers (thread, namespace, checkpoint, task, channel, store key and namespace) " +
            $"must fit in a B-tree entry, about 2,700 bytes after compression. Nothing was written. ({e.MessageText})",
            e),

        // Characters PostgreSQL text cannot hold (NUL), caught here when they reach the server in a read.
        "22021" or "22P05" => new ArgumentException($"PostgreSQL cannot store or compare this text: {e.MessageText}. Nothing was written.", e),
        _ => null,
    };
}
