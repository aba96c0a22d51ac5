namespace Checkpoint.Postgres;

/// <summary>Options of <see cref="PostgresStore"/>: the common store options plus where the tables live.</summary>
public sealed class PostgresStoreOptions : StoreOptions
{
    /// <summary>Gets or sets the schema holding the tables (default <c>public</c>, as LangGraph). <see cref="StorageComponent.Setup"/> creates it when missing.</summary>
    public string SchemaName { get; set; } = "public";

    /// <summary>
    /// Gets or sets whether to avoid prepared statements, for PgBouncer (or another pooler) in transaction mode.
    /// Default <see langword="false"/>. Run <see cref="StorageComponent.Setup"/> over a direct connection in that case:
    /// it holds a session-level advisory lock.
    /// </summary>
    public bool DisablePreparedStatements { get; set; }
}
