using Checkpoint.Providers;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo.Internal;

/// <summary>
/// The schema version a component recorded in its migrations collection: <c>{ _id: component, version }</c>.
/// Raising it uses <c>$max</c>, so concurrent setups and older code never lower it.
/// </summary>
internal static class SchemaRecord
{
    /// <summary>The filter of a component's record.</summary>
    public static FilterDefinition<BsonDocument> Key(string component) => new BsonDocument(Fields.Id, component);

    /// <summary>The update that records <paramref name="version"/> unless a newer one is recorded.</summary>
    public static UpdateDefinition<BsonDocument> Raise(int version) =>
        new BsonDocument("$max", new BsonDocument(Fields.SchemaVersion, version));

    /// <summary>Reads the recorded version; 0 when there is none.</summary>
    public static async Task<int> ReadAsync(bool async, IMongoCollection<BsonDocument> migrations, string component, CancellationToken cancellationToken)
    {
        var found = await MongoIo.FindAsync(async, migrations, null, Key(component), cancellationToken, limit: 1).ConfigureAwait(false);
        return found.Count == 0 ? 0 : found[0].GetValue(Fields.SchemaVersion, 0).ToInt32();
    }

    /// <summary>Reads the recorded version for <see cref="IVersionedSchema"/>; what Setup would do is described, as MongoDB has no SQL.</summary>
    public static async Task<SchemaStatus> ReadStatusAsync(IMongoCollection<BsonDocument> migrations, string component, string description, int version, CancellationToken cancellationToken)
    {
        var recorded = await ReadAsync(async: true, migrations, component, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<SchemaMigration> pending = recorded < version
            ? [new SchemaMigration(version, $"create the {component} indexes (idempotent), then record version {version} under '{component}' in '{migrations.CollectionNamespace.CollectionName}'")]
            : [];
        return new SchemaStatus(description, recorded == 0 ? null : recorded, version, pending);
    }

    /// <summary>
    /// Runs a setup: refuses a newer recorded version (changing nothing), creates what <paramref name="migrate"/>
    /// creates (idempotent), then records <paramref name="version"/>.
    /// </summary>
    public static async Task SetupAsync(bool async, IMongoCollection<BsonDocument> migrations, string component, string description, int version, Func<Task> migrate, CancellationToken cancellationToken)
    {
        var recorded = await ReadAsync(async, migrations, component, cancellationToken).ConfigureAwait(false);
        if (recorded > version)
        {
            throw new SchemaVersionException(description, recorded, version);
        }

        await migrate().ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var options = new UpdateOptions { IsUpsert = true };
                if (async)
                {
                    await migrations.UpdateOneAsync(Key(component), Raise(version), options, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    migrations.UpdateOne(Key(component), Raise(version), options, cancellationToken);
                }

                return;
            }
            catch (MongoWriteException e) when (e.WriteError?.Category == ServerErrorCategory.DuplicateKey && attempt == 0)
            {
                // Two setups upserted the record at once; the retry updates the one that won.
            }
        }
    }
}
