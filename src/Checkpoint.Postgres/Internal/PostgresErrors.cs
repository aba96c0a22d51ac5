using Npgsql;

namespace Checkpoint.Postgres.Internal;

/// <summary>Turns server errors caused by the caller's input into the argument exceptions the contracts promise.</summary>
internal static class PostgresErrors
{
    /// <summary>Returns an <see cref="ArgumentException"/> for input PostgreSQL refused, or <see langword="null"/> for any other error.</summary>
    public static Exception? Translate(PostgresException e) => e.SqlState switch
    {
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
