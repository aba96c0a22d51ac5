namespace Checkpoint.Providers;

/// <summary>
/// A saver or store whose database schema is versioned: it can tell which version a database is at and what its
/// <c>Setup</c> would still apply, without changing anything. Deployment tools read it to report pending migrations
/// (<c>checkpoint migrate --status</c>) and to show them before they run (<c>--dry-run</c>).
/// </summary>
public interface IVersionedSchema
{
    /// <summary>Reads the version the database records and lists the migrations <c>Setup</c> would apply; writes nothing.</summary>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The status of the schema.</returns>
    Task<SchemaStatus> ReadSchemaStatusAsync(CancellationToken cancellationToken = default);
}
