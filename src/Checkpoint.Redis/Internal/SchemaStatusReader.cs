using Checkpoint.Providers;
using StackExchange.Redis;

namespace Checkpoint.Redis.Internal;

/// <summary>Reads a component's schema key for <see cref="IVersionedSchema"/>: Redis's only migration is recording the version.</summary>
internal static class SchemaStatusReader
{
    public static async Task<SchemaStatus> ReadAsync(IDatabase database, RedisKey key, string component, int currentVersion)
    {
        var found = await database.StringGetAsync(key).ConfigureAwait(false);
        int? applied = found.IsNull ? null : (int)found;
        IReadOnlyList<SchemaMigration> pending = applied is null || applied < currentVersion
            ? [new SchemaMigration(currentVersion, $"SET {key} {currentVersion}")]
            : [];
        return new SchemaStatus(component, applied, currentVersion, pending);
    }
}
