using Checkpoint;
using Checkpoint.Mongo;
using Microsoft.Extensions.Configuration;
using MongoDB.Driver;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="MongoSaver"/> and <see cref="MongoStore"/> in an <see cref="IServiceCollection"/>.</summary>
public static class MongoServiceCollectionExtensions
{
    /// <summary>The key of the database name in a configuration section: <c>Database</c>.</summary>
    public const string DatabaseKey = "Database";

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
        return services.AddKeyedCheckpointSaver(null, WithClock(configure), (sp, options) => new MongoSaver(database(sp), options));
    }

    /// <summary>Registers a <see cref="MongoSaver"/> that owns a client for <paramref name="connectionString"/> (disposed with the container).</summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">A <c>mongodb://</c> or <c>mongodb+srv://</c> URL.</param>
    /// <param name="databaseName">The database; the one in the URL when <see langword="null"/>.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddMongoCheckpointSaver(this IServiceCollection services, string connectionString, string? databaseName = null, Action<MongoSaverOptions>? configure = null) =>
        services.AddKeyedMongoCheckpointSaver(null, connectionString, databaseName, configure);

    /// <summary>
    /// Registers a <see cref="MongoSaver"/> that owns its client, configured from a section such as
    /// <c>{ "ConnectionString": "mongodb://db:27017", "Database": "agents", "CollectionPrefix": "app_" }</c>: its
    /// <c>ConnectionString</c>, an optional <c>Database</c> (else the one in the URL) and any settable
    /// <see cref="MongoSaverOptions"/> property (<c>ChunkSize</c>, <c>Transactions</c>, <c>OrphanGracePeriod</c>,
    /// <c>ChunkCache:MaxBytes</c>, <c>Diagnostics:*</c>). The container's defaults apply first (serializer, logger
    /// factory, a registered <see cref="TimeProvider"/>), then the section, then <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configure">Configures the options after binding; may be <see langword="null"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The section has no connection string, a key that names no option, or a value that does not convert.</exception>
    public static IServiceCollection AddMongoCheckpointSaver(this IServiceCollection services, IConfiguration configuration, Action<IServiceProvider, MongoSaverOptions>? configure = null) =>
        services.AddKeyedMongoCheckpointSaver(null, configuration, configure);

    /// <summary>Registers a <see cref="MongoSaver"/> under <paramref name="serviceKey"/>, as itself and as <see cref="BaseCheckpointSaver"/>, owning a client disposed with the container.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="connectionString">A <c>mongodb://</c> or <c>mongodb+srv://</c> URL.</param>
    /// <param name="databaseName">The database; the one in the URL when <see langword="null"/>.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddKeyedMongoCheckpointSaver(this IServiceCollection services, object? serviceKey, string connectionString, string? databaseName = null, Action<MongoSaverOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddKeyedCheckpointSaver(serviceKey, WithClock(configure), (_, options) => MongoSaver.FromConnectionString(connectionString, databaseName, options));
    }

    /// <summary>Registers a <see cref="MongoSaver"/> under <paramref name="serviceKey"/>, configured from a section (see <see cref="AddMongoCheckpointSaver(IServiceCollection, IConfiguration, Action{IServiceProvider, MongoSaverOptions})"/>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configure">Configures the options after binding; may be <see langword="null"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The section has no connection string, a key that names no option, or a value that does not convert.</exception>
    public static IServiceCollection AddKeyedMongoCheckpointSaver(this IServiceCollection services, object? serviceKey, IConfiguration configuration, Action<IServiceProvider, MongoSaverOptions>? configure = null)
    {
        var connectionString = CheckpointConfiguration.GetConnectionString(configuration);
        var databaseName = configuration[DatabaseKey];
        var bound = CheckpointConfiguration.Configure(configuration, configure, CheckpointConfiguration.ConnectionStringKey, DatabaseKey);
        return services.AddKeyedCheckpointSaver<MongoSaver, MongoSaverOptions>(
            serviceKey,
            (sp, options) =>
            {
                ApplyClock(sp, options);
                bound(sp, options);
            },
            (_, options) => MongoSaver.FromConnectionString(connectionString, databaseName, options));
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
    public static IServiceCollection AddMongoStore(this IServiceCollection services, string connectionString, string? databaseName = null, Action<MongoStoreOptions>? configure = null) =>
        services.AddKeyedMongoStore(null, connectionString, databaseName, configure);

    /// <summary>
    /// Registers a <see cref="MongoStore"/> that owns its client, configured from a section such as
    /// <c>{ "ConnectionString": "mongodb://db:27017", "Database": "agents", "Index": { "Dimensions": 1536 } }</c>: its
    /// <c>ConnectionString</c>, an optional <c>Database</c> and any settable <see cref="MongoStoreOptions"/> property.
    /// The container's defaults apply first, then the section, then <paramref name="configure"/>; an index left
    /// without a generator uses the container's <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configure">Configures the options after binding; may be <see langword="null"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The section has no connection string, a key that names no option, or a value that does not convert.</exception>
    public static IServiceCollection AddMongoStore(this IServiceCollection services, IConfiguration configuration, Action<IServiceProvider, MongoStoreOptions>? configure = null) =>
        services.AddKeyedMongoStore(null, configuration, configure);

    /// <summary>Registers a <see cref="MongoStore"/> under <paramref name="serviceKey"/>, as itself and as <see cref="BaseStore"/>, owning a client disposed with the container.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="connectionString">A <c>mongodb://</c> or <c>mongodb+srv://</c> URL.</param>
    /// <param name="databaseName">The database; the one in the URL when <see langword="null"/>.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddKeyedMongoStore(this IServiceCollection services, object? serviceKey, string connectionString, string? databaseName = null, Action<MongoStoreOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddKeyedStore(serviceKey, configure, (_, options) => MongoStore.FromConnectionString(connectionString, databaseName, options));
    }

    /// <summary>Registers a <see cref="MongoStore"/> under <paramref name="serviceKey"/>, configured from a section (see <see cref="AddMongoStore(IServiceCollection, IConfiguration, Action{IServiceProvider, MongoStoreOptions})"/>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configure">Configures the options after binding; may be <see langword="null"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The section has no connection string, a key that names no option, or a value that does not convert.</exception>
    public static IServiceCollection AddKeyedMongoStore(this IServiceCollection services, object? serviceKey, IConfiguration configuration, Action<IServiceProvider, MongoStoreOptions>? configure = null)
    {
        var connectionString = CheckpointConfiguration.GetConnectionString(configuration);
        var databaseName = configuration[DatabaseKey];
        return services.AddKeyedStore(
            serviceKey,
            CheckpointConfiguration.Configure(configuration, configure, CheckpointConfiguration.ConnectionStringKey, DatabaseKey),
            (_, options) => MongoStore.FromConnectionString(connectionString, databaseName, options));
    }

    // MongoSaverOptions has a clock of its own (for orphan grace periods): it too starts from the container's.
    private static Action<IServiceProvider, MongoSaverOptions> WithClock(Action<MongoSaverOptions>? configure) => (sp, options) =>
    {
        ApplyClock(sp, options);
        configure?.Invoke(options);
    };

    private static void ApplyClock(IServiceProvider services, MongoSaverOptions options) =>
        options.TimeProvider = services.GetService<TimeProvider>() ?? options.TimeProvider;
}
