using Checkpoint;
using Checkpoint.Mongo;
using MongoDB.Driver;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="MongoSaver"/> and <see cref="MongoStore"/> in an <see cref="IServiceCollection"/>.</summary>
public static class MongoServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="MongoSaver"/> (as itself and as <see cref="BaseCheckpointSaver"/>) over the
    /// <see cref="IMongoDatabase"/> registered in the container, which the container owns.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the options; a registered <see cref="ICheckpointSerializer"/> is used unless one is set here.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddMongoCheckpointSaver(this IServiceCollection services, Action<MongoSaverOptions>? configure = null) =>
        services.AddMongoCheckpointSaver(sp => sp.GetRequiredService<IMongoDatabase>(), configure);

    /// <summary>Registers a <see cref="MongoSaver"/> over the database <paramref name="database"/> returns (the caller or container owns its client).</summary>
    /// <param name="services">The services.</param>
    /// <param name="database">Returns the database.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddMongoCheckpointSaver(this IServiceCollection services, Func<IServiceProvider, IMongoDatabase> database, Action<MongoSaverOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        return services.AddCheckpointSaver(configure, (sp, options) => new MongoSaver(database(sp), options));
    }

    /// <summary>Registers a <see cref="MongoSaver"/> that owns a client for <paramref name="connectionString"/> (disposed with the container).</summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">A <c>mongodb://</c> or <c>mongodb+srv://</c> URL.</param>
    /// <param name="databaseName">The database; the one in the URL when <see langword="null"/>.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddMongoCheckpointSaver(this IServiceCollection services, string connectionString, string? databaseName = null, Action<MongoSaverOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddCheckpointSaver(configure, (_, options) => MongoSaver.FromConnectionString(connectionString, databaseName, options));
    }

    /// <summary>
    /// Registers a <see cref="MongoStore"/> (as itself and as <see cref="BaseStore"/>) over the
    /// <see cref="IMongoDatabase"/> registered in the container.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the options; a registered <see cref="TimeProvider"/> is the default clock.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddMongoStore(this IServiceCollection services, Action<MongoStoreOptions>? configure = null) =>
        services.AddMongoStore(sp => sp.GetRequiredService<IMongoDatabase>(), configure);

    /// <summary>Registers a <see cref="MongoStore"/> over the database <paramref name="database"/> returns.</summary>
    /// <param name="services">The services.</param>
    /// <param name="database">Returns the database.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddMongoStore(this IServiceCollection services, Func<IServiceProvider, IMongoDatabase> database, Action<MongoStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        return services.AddStore(configure, (sp, options) => new MongoStore(database(sp), options));
    }

    /// <summary>Registers a <see cref="MongoStore"/> that owns a client for <paramref name="connectionString"/> (disposed with the container).</summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">A <c>mongodb://</c> or <c>mongodb+srv://</c> URL.</param>
    /// <param name="databaseName">The database; the one in the URL when <see langword="null"/>.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddMongoStore(this IServiceCollection services, string connectionString, string? databaseName = null, Action<MongoStoreOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddStore(configure, (_, options) => MongoStore.FromConnectionString(connectionString, databaseName, options));
    }
}
