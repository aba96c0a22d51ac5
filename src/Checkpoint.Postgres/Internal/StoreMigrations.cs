namespace Checkpoint.Postgres.Internal;

/// <summary>
/// The store's schema steps. Versions 0-3 are LangGraph's (<c>store_migrations</c>); versions from 4 on are this
/// library's additions: an exact time to live and embeddings kept as <c>real[]</c>, so semantic search needs no
/// extension (LangGraph keeps its pgvector tables under a separate <c>vector_migrations</c> table).
/// </summary>
internal static class StoreMigrations
{
    public const string Table = "store_migrations";

    public static IReadOnlyList<Migration> For(SchemaName schema)
    {
        var store = schema.Qualify("store");
        var vectors = schema.Qualify("store_vectors");
        return
        [
            new(0, $"""
                CREATE TABLE IF NOT EXISTS {store} (
                    prefix text NOT NULL,
                    key text NOT NULL,
                    value jsonb NOT NULL,
                    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
                    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
                    PRIMARY KEY (prefix, key))
                """),
            new(1, $"CREATE INDEX CONCURRENTLY IF NOT EXISTS store_prefix_idx ON {store} USING btree (prefix text_pattern_ops)", "store_prefix_idx"),
            new(2, $"ALTER TABLE {store} ADD COLUMN IF NOT EXISTS expires_at TIMESTAMP WITH TIME ZONE, ADD COLUMN IF NOT EXISTS ttl_minutes INT"),
            new(3, $"CREATE INDEX IF NOT EXISTS idx_store_expires_at ON {store} (expires_at) WHERE expires_at IS NOT NULL"),

            // 4: LangGraph's ttl_minutes cannot hold a 30-second TTL; the exact TTL refreshes expires_at on read.
            new(4, $"ALTER TABLE {store} ADD COLUMN IF NOT EXISTS ttl interval"),

            // 5: one row per indexed field, removed with its item; scored by cosine similarity in SQL.
            new(5, $"""
                CREATE TABLE IF NOT EXISTS {vectors} (
                    prefix text NOT NULL,
                    key text NOT NULL,
                    field_name text NOT NULL,
                    embedding real[] NOT NULL,
                    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
                    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
                    PRIMARY KEY (prefix, key, field_name),
                    FOREIGN KEY (prefix, key) REFERENCES {store} (prefix, key) ON DELETE CASCADE)
                """),
        ];
    }
}
