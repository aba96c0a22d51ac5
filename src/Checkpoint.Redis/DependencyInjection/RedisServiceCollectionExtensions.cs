using Checkpoint;
using Checkpoint.Redis;
using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Redis checkpointer and store.</summary>
public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="RedisSaver"/> (as itself and as <see cref="BaseCheckpointSaver"/>) that connects with
    /// <paramref name="configuration"/> and owns that connection.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string or a <c>redis://</c> / <c>rediss://</c> URI (see <see cref="Checkpoint.Redis.RedisConnectionString"/>).</param>
    /// <param name="configure">Configures the options; a registered <see cref="ICheckpointSerializer"/> is the default serializer.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddRedisCheckpointSaver(this IServiceCollection services, string configuration, Action<RedisSaverOptions>? configure = null) =>
        services.AddKeyedRedisCheckpointSaver(null, configuration, configure);

    /// <summary>
    /// Registers a <see cref="RedisSaver"/> that owns its connection, configured from a section such as
    /// <c>{ "ConnectionString": "redis://cache:6379", "KeyPrefix": "agents:", "Ttl": "30.00:00:00" }</c>: its
    /// <c>ConnectionString</c> (StackExchange.Redis form or URI) and any settable <see cref="RedisSaverOptions"/>
    /// property (<c>Database</c>, <c>RefreshTtlOnRead</c>, <c>ChunkCache:MaxBytes</c>, <c>Diagnostics:*</c>, ...). The
    /// container's defaults apply first, then the section, then <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configure">Configures the options after binding; may be <see langword="null"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The section has no connection string, a key that names no option, or a value that does not convert.</exception>
    public static IServiceCollection AddRedisCheckpointSaver(this IServiceCollection services, IConfiguration configuration, Action<IServiceProvider, RedisSaverOptions>? configure = null) =>
        services.AddKeyedRedisCheckpointSaver(null, configuration, configure);

    /// <summary>Registers a <see cref="RedisSaver"/> under <paramref name="serviceKey"/>, as itself and as <see cref="BaseCheckpointSaver"/>, owning a connection disposed with the container.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string or a <c>redis://</c> / <c>rediss://</c> URI.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddKeyedRedisCheckpointSaver(this IServiceCollection services, object? serviceKey, string configuration, Action<RedisSaverOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        return services.AddKeyedCheckpointSaver(serviceKey, configure, (_, options) => RedisSaver.FromConnectionString(configuration, options));
    }

    /// <summary>Registers a <see cref="RedisSaver"/> under <paramref name="serviceKey"/>, configured from a section (see <see cref="AddRedisCheckpointSaver(IServiceCollection, IConfiguration, Action{IServiceProvider, RedisSaverOptions})"/>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configure">Configures the options after binding; may be <see langword="null"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The section has no connection string, a key that names no option, or a value that does not convert.</exception>
    public static IServiceCollection AddKeyedRedisCheckpointSaver(this IServiceCollection services, object? serviceKey, IConfiguration configuration, Action<IServiceProvider, RedisSaverOptions>? configure = null)
    {
        var connectionString = CheckpointConfiguration.GetConnectionString(configuration);
        return services.AddKeyedCheckpointSaver(
            serviceKey, CheckpointConfiguration.Configure(configuration, configure, CheckpointConfiguration.ConnectionStringKey), (_, options) => RedisSaver.FromConnectionString(connectionString, options));
    }

    /// <summary>
    /// Registers a <see cref="RedisSaver"/> (as itself and as <see cref="BaseCheckpointSaver"/>) over the
    /// <see cref="IConnectionMultiplexer"/> registered in the container, which keeps owning it.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the options; a registered <see cref="ICheckpointSerializer"/> is the default serializer.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddRedisCheckpointSaver(this IServiceCollection services, Action<RedisSaverOptions>? configure = null) =>
        services.AddCheckpointSaver(configure, (sp, options) => new RedisSaver(sp.GetRequiredService<IConnectionMultiplexer>(), options));

    /// <summary>
    /// Registers a <see cref="RedisStore"/> (as itself and as <see cref="BaseStore"/>) that connects with
    /// <paramref name="configuration"/> and owns that connection.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string or a <c>redis://</c> / <c>rediss://</c> URI (see <see cref="Checkpoint.Redis.RedisConnectionString"/>).</param>
    /// <param name="configure">Configures the options; a registered <see cref="TimeProvider"/> is the default clock.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddRedisStore(this IServiceCollection services, string configuration, Action<RedisStoreOptions>? configure = null) =>
        services.AddKeyedRedisStore(null, configuration, configure);

    /// <summary>
    /// Registers a <see cref="RedisStore"/> that owns its connection, configured from a section such as
    /// <c>{ "ConnectionString": "redis://cache:6379", "KeyPrefix": "memories:", "Index": { "Dimensions": 1536 } }</c>:
    /// its <c>ConnectionString</c> and any settable <see cref="RedisStoreOptions"/> property. The container's defaults
    /// apply first, then the section, then <paramref name="configure"/>; an index left without a generator uses the
    /// container's <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configure">Configures the options after binding; may be <see langword="null"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The section has no connection string, a key that names no option, or a value that does not convert.</exception>
    public static IServiceCollection AddRedisStore(this IServiceCollection services, IConfiguration configuration, Action<IServiceProvider, RedisStoreOptions>? configure = null) =>
        services.AddKeyedRedisStore(null, configuration, configure);

    /// <summary>Registers a <see cref="RedisStore"/> under <paramref name="serviceKey"/>, as itself and as <see cref="BaseStore"/>, owning a connection disposed with the container.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string or a <c>redis://</c> / <c>rediss://</c> URI.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddKeyedRedisStore(this IServiceCollection services, object? serviceKey, string configuration, Action<RedisStoreOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        return services.AddKeyedStore(serviceKey, configure, (_, options) => RedisStore.FromConnectionString(configuration, options));
    }

    /// <summary>Registers a <see cref="RedisStore"/> under <paramref name="serviceKey"/>, configured from a section (see <see cref="AddRedisStore(IServiceCollection, IConfiguration, Action{IServiceProvider, RedisStoreOptions})"/>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configure">Configures the options after binding; may be <see langword="null"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The section has no connection string, a key that names no option, or a value that does not convert.</exception>
    public static IServiceCollection AddKeyedRedisStore(this IServiceCollection services, object? serviceKey, IConfiguration configuration, Action<IServiceProvider, RedisStoreOptions>? configure = null)
    {
        var connectionString = CheckpointConfiguration.GetConnectionString(configuration);
        return services.AddKeyedStore(
            serviceKey, CheckpointConfiguration.Configure(configuration, configure, CheckpointConfiguration.ConnectionStringKey), (_, options) => RedisStore.FromConnectionString(connectionString, options));
    }

    /// <summary>
    /// Registers a <see cref="RedisStore"/> (as itself and as <see cref="BaseStore"/>) over the
    /// <see cref="IConnectionMultiplexer"/> registered in the container, which keeps owning it.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the options; a registered <see cref="TimeProvider"/> is the default clock.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddRedisStore(this IServiceCollection services, Action<RedisStoreOptions>? configure = null) =>
        services.AddStore(configure, (sp, options) => new RedisStore(sp.GetRequiredService<IConnectionMultiplexer>(), options));
}
