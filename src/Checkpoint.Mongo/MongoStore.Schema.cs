using Checkpoint.Mongo.Internal;
using Checkpoint.Providers;

namespace Checkpoint.Mongo;

public sealed partial class MongoStore : IVersionedSchema
{
    private string SchemaDescription => $"MongoDB store schema (database '{Database.DatabaseNamespace.DatabaseName}', prefix '{MongoOptions.CollectionPrefix}')";

    /// <summary>Reads the version recorded in the migrations collection; writes nothing.</summary>
    /// <inheritdoc />
    public Task<SchemaStatus> ReadSchemaStatusAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return SchemaRecord.ReadStatusAsync(_collections.Migrations, StoreCollections.Component, SchemaDescription, CurrentSchemaVersion, cancellationToken);
    }
}
