namespace Checkpoint.Sqlite.Internal;

/// <summary>
/// The store's tables, named like LangGraph's SQLite store: items keyed by (namespace path, key) with millisecond
/// timestamps and TTL columns, and one float32 vector per indexed field for in-process semantic search. Append a
/// migration to change the schema; never edit one.
/// </summary>
internal static class StoreSchema
{
    public const string MigrationsTable = "store_migrations";

    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE store (
            prefix TEXT NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            expires_at INTEGER,
            ttl_ms INTEGER,
            PRIMARY KEY (prefix, key)
        );
        CREATE INDEX store_expires_at_idx ON store (expires_at) WHERE expires_at IS NOT NULL;
        CREATE TABLE store_vectors (
            prefix TEXT NOT NULL,
            key TEXT NOT NULL,
            field_name TEXT NOT NULL,
            embedding BLOB NOT NULL,
            PRIMARY KEY (prefix, key, field_name)
        );
        """,
    ];
}
