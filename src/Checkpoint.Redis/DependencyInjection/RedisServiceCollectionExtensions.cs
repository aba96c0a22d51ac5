using Checkpoint;
using Checkpoint.Redis;
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
    /// <param name="configuration">A StackExchange.Redis configuration string.</param>
    /// <param name="configure">Configures the options; a registered <see cref="ICheckpointSerializer"/> is the default serializer.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddRedisCheckpointSaver(this IServiceCollection services, string configuration, Action<RedisSaverOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        return services.AddCheckpointSaver(configure, (_, options) => RedisSaver.FromConnectionString(configuration, options));
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
    /// <param name="configuration">A StackExchange.Redis configuration string.</param>
    /// <param name="configure">Configures the options; a registered <see cref="TimeProvider"/> is the default clock.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddRedisStore(this IServiceCollection services, string configuration, Action<RedisStoreOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        return services.AddStore(configure, (_, options) => RedisStore.FromConnectionString(configuration, options));
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
