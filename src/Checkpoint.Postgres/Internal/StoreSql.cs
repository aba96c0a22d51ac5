namespace Checkpoint.Postgres.Internal;

/// <summary>The store's fixed SQL for one schema; search and list-namespaces are composed per request by <see cref="StoreCommands"/>.</summary>
internal sealed class StoreSql
{
    public StoreSql(SchemaName schema)
    {
        Store = schema.Qualify("store");
        Vectors = schema.Qualify("store_vectors");

        // $1 prefix, $2 key, $3 now, $4 refresh. The update runs even though nothing reads it (data-modifying CTEs
        // always do); the select sees the row as it was, which is all it returns.
        Get = $"""
            WITH hit AS (
                SELECT value, created_at, updated_at FROM {Store}
                WHERE prefix = $1 AND key = $2 AND (expires_at IS NULL OR expires_at > $3)),
            refreshed AS (
                UPDATE {Store} t SET expires_at = $3 + t.ttl
                WHERE $4 AND t.prefix = $1 AND t.key = $2 AND t.ttl IS NOT NULL AND t.expires_at > $3)
            SELECT value::text, created_at, updated_at FROM hit
            """;

        // $1 prefix, $2 key, $3 value, $4 now, $5 expires_at, $6 ttl. An overwrite keeps created_at, unless the old
        // item had expired: then the put creates it afresh.
        Put = $"""
            INSERT INTO {Store} AS t (prefix, key, value, created_at, updated_at, expires_at, ttl)
            VALUES ($1, $2, $3, $4, $4, $5, $6)
            ON CONFLICT (prefix, key) DO UPDATE SET
                value = EXCLUDED.value, updated_at = EXCLUDED.updated_at, expires_at = EXCLUDED.expires_at, ttl = EXCLUDED.ttl,
                created_at = CASE WHEN t.expires_at IS NOT NULL AND t.expires_at <= EXCLUDED.updated_at THEN EXCLUDED.created_at ELSE t.created_at END
            """;

        DeleteVectors = $"DELETE FROM {Vectors} WHERE prefix = $1 AND key = $2";

        // $1 prefix, $2 key, $3 field, $4 embedding, $5 now.
        InsertVector = $"""
            INSERT INTO {Vectors} (prefix, key, field_name, embedding, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $5)
            ON CONFLICT (prefix, key, field_name) DO UPDATE SET embedding = EXCLUDED.embedding, updated_at = EXCLUDED.updated_at
            """;

        // Vectors go with the item (foreign key ON DELETE CASCADE).
        Delete = $"DELETE FROM {Store} WHERE prefix = $1 AND key = $2";

        Sweep = $"DELETE FROM {Store} WHERE expires_at IS NOT NULL AND expires_at <= $1";
    }

    public string Store { get; }

    public string Vectors { get; }

    public string Get { get; }

    public string Put { get; }

    public string DeleteVectors { get; }

    public string InsertVector { get; }

    public string Delete { get; }

    public string Sweep { get; }
}
