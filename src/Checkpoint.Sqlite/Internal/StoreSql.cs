namespace Checkpoint.Sqlite.Internal;

/// <summary>The store's fixed SQL. Times are Unix milliseconds; an item is live while <c>expires_at</c> is null or after now.</summary>
internal static class StoreSql
{
    public const string Live = "(expires_at IS NULL OR expires_at > $now)";

    public const string Get = $"SELECT value, created_at, updated_at, ttl_ms FROM store WHERE prefix = $prefix AND key = $key AND {Live}";

    public const string Refresh = "UPDATE store SET expires_at = $now + ttl_ms WHERE prefix = $prefix AND key = $key AND ttl_ms IS NOT NULL";

    // A put over an expired item creates it afresh: it gets a new created_at.
    public const string Upsert = """
        INSERT INTO store (prefix, key, value, created_at, updated_at, expires_at, ttl_ms)
        VALUES ($prefix, $key, $value, $now, $now, $expires, $ttl)
        ON CONFLICT (prefix, key) DO UPDATE SET
            value = excluded.value,
            created_at = CASE WHEN store.expires_at IS NOT NULL AND store.expires_at <= $now THEN excluded.created_at ELSE store.created_at END,
            updated_at = excluded.updated_at,
            expires_at = excluded.expires_at,
            ttl_ms = excluded.ttl_ms
        """;

    public const string Delete = "DELETE FROM store WHERE prefix = $prefix AND key = $key";

    public const string DeleteVectors = "DELETE FROM store_vectors WHERE prefix = $prefix AND key = $key";

    public const string InsertVector = """
        INSERT INTO store_vectors (prefix, key, field_name, embedding) VALUES ($prefix, $key, $field, $embedding)
        ON CONFLICT (prefix, key, field_name) DO UPDATE SET embedding = excluded.embedding
        """;

    public const string SweepVectors = """
        DELETE FROM store_vectors WHERE (prefix, key) IN (SELECT prefix, key FROM store WHERE expires_at <= $now)
        """;

    public const string Sweep = "DELETE FROM store WHERE expires_at <= $now";

    // One step of the namespace walk (NamespaceWalk): the first live path from $from, read from the primary key's
    // index in path order, so listing namespaces seeks once per namespace instead of reading every item.
    public const string NextNamespace = $"SELECT prefix FROM store WHERE prefix >= $from AND {Live} ORDER BY prefix LIMIT 1";

    public const string NextNamespaceBefore = $"SELECT prefix FROM store WHERE prefix >= $from AND prefix < $before AND {Live} ORDER BY prefix LIMIT 1";

    // Namespace paths join labels with '.', which labels cannot contain: every path under P lies in the range
    // (P + '.', P + '/'), so a prefix search is an index range.
    public const string UnderPrefix = "(prefix = $prefix OR (prefix > $prefix_low AND prefix < $prefix_high))";
}
