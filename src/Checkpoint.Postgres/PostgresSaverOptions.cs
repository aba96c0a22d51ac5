namespace Checkpoint.Postgres;

/// <summary>Options of <see cref="PostgresSaver"/>.</summary>
public sealed class PostgresSaverOptions : CheckpointSaverOptions
{
    /// <summary>
    /// Gets or sets the format this saver writes. Default <see cref="CheckpointWireFormat.Native"/>. Set
    /// <see cref="CheckpointWireFormat.LangGraphJs"/> or <see cref="CheckpointWireFormat.LangGraphPython"/> when a
    /// LangGraph runtime must read and continue the threads this saver writes; threads LangGraph wrote are read whatever
    /// this is.
    /// </summary>
    public CheckpointWireFormat WireFormat { get; set; }

    /// <summary>Gets or sets the schema holding the tables (default <c>public</c>, as LangGraph). <see cref="StorageComponent.Setup"/> creates it when missing.</summary>
    public string SchemaName { get; set; } = "public";

    /// <summary>
    /// Gets or sets whether to avoid prepared statements, for PgBouncer (or another pooler) in transaction mode, where
    /// consecutive statements may reach different server connections. Default <see langword="false"/>: statements are
    /// prepared once per pooled connection. Run <see cref="StorageComponent.Setup"/> over a direct connection in that case:
    /// it holds a session-level advisory lock.
    /// </summary>
    public bool DisablePreparedStatements { get; set; }
}
