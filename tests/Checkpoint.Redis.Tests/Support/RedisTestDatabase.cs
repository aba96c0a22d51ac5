using Checkpoint.ConformanceSuite;
using Checkpoint.Redis.Internal;
using StackExchange.Redis;

namespace Checkpoint.Redis.Tests.Support;

/// <summary>A fresh key prefix on the shared server: isolated from every other test, deleted (on every primary) on dispose.</summary>
public sealed class RedisTestDatabase(IConnectionMultiplexer connection) : TestDatabase
{
    /// <summary>Gets the prefix of every key of this database.</summary>
    public string Prefix { get; } = "testdb-" + Guid.NewGuid().ToString("N") + ":";

    public string SaverPrefix => Prefix + "cp:";

    public string StorePrefix => Prefix + "st:";

    /// <inheritdoc />
    public override StoredDataEditor Editor => new RedisStoredDataEditor(connection, SaverPrefix, StorePrefix);

    public override BaseCheckpointSaver CreateSaver() => new RedisSaver(connection, new RedisSaverOptions { KeyPrefix = SaverPrefix });

    public override BaseStore CreateStore(StoreOptions options) => new RedisStore(connection, RedisTestStore.ToRedisOptions(options, StorePrefix));

    public override int CurrentSchemaVersion(SchemaComponent component) =>
        component == SchemaComponent.Checkpointer ? RedisSaver.CurrentSchemaVersion : RedisStore.CurrentSchemaVersion;

    public override async Task<int> GetSchemaVersionAsync(SchemaComponent component)
    {
        var value = await connection.GetDatabase().StringGetAsync(SchemaKey(component));
        return value.IsNull ? 0 : (int)value;
    }

    public override Task SetSchemaVersionAsync(SchemaComponent component, int version) =>
        connection.GetDatabase().StringSetAsync(SchemaKey(component), version);

    public override async ValueTask DisposeAsync()
    {
        await RedisKeyCleaner.DeleteByPrefixAsync(connection, Prefix);
        await base.DisposeAsync();
    }

    private RedisKey SchemaKey(SchemaComponent component) =>
        component == SchemaComponent.Checkpointer ? RedisSaver.SchemaKey(SaverPrefix) : StoreKeys.Schema(StorePrefix);
}
