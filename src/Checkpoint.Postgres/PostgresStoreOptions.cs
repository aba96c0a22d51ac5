namespace Checkpoint.Postgres;

/// <summary>Options of <see cref="PostgresStore"/>: the common store options plus where the tables live.</summary>
public sealed class PostgresStoreOptions : StoreOptions
{
    /// <summary>Gets or sets the schema holding the tables (default <c>public</c>, as LangGraph). <see cref="StorageComponent.Setup"/> creates it when missing.</summary>
    public string SchemaName { get; set; } = "public";

    /// <summary>
    /// Gets or sets whether to avoid prepared statements. Default <see langword="false"/>. Not enough on its own behind a
    /// pooler in transaction mode: set <see cref="TransactionPooling"/>.
    /// </summary>
    public bool DisablePreparedStatements { get; set; }

    /// <summary>
    /// Gets or sets whether connections go through a pooler in transaction mode (PgBouncer <c>pool_mode = transaction</c>,
    /// or a managed pooler that works the same way). Default <see langword="false"/>. When set, nothing session-scoped is
    /// used: no prepared statements, no connection reset, and <see cref="StorageComponent.Setup"/> runs in one transaction under a
    /// transaction-level advisory lock (its index builds are then not concurrent). <see cref="PostgresStore.FromConnectionString"/>
    /// adds <c>No Reset On Close=true;Max Auto Prepare=0</c> to the connection string; a data source passed in must
    /// already have them, or the constructor throws <see cref="ArgumentException"/> naming the missing setting.
    /// </summary>
    public bool TransactionPooling { get; set; }
}
