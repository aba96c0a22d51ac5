using Checkpoint.Mongo.Internal;
using Checkpoint.Providers;

namespace Checkpoint.Mongo;

public sealed partial class MongoSaver : IVersionedSchema
{
    private string SchemaDescription => $"MongoDB checkpoint schema (database '{Database.DatabaseNamespace.DatabaseName}', prefix '{_options.CollectionPrefix}')";

    /// <summary>Reads the version recorded in the migrations collection; writes nothing.</summary>
    /// <inheritdoc />
    public Task<SchemaStatus> ReadSchemaStatusAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return SchemaRecord.ReadStatusAsync(_collections.Migrations, SaverIndexes.Component, SchemaDescription, CurrentSchemaVersion, cancellationToken);
    }
}
