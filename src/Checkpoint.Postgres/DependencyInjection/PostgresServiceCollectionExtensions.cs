using Checkpoint;
using Checkpoint.Postgres;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="PostgresSaver"/> and <see cref="PostgresStore"/> in an <see cref="IServiceCollection"/>.</summary>
public static class PostgresServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="PostgresSaver"/> (as itself and as <see cref="BaseCheckpointSaver"/>) over the
    /// <see cref="NpgsqlDataSource"/> registered in the container, which the container owns.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the options; a registered <see cref="ICheckpointSerializer"/> is used when none is set.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddPostgresCheckpointSaver(this IServiceCollection services, Action<PostgresSaverOptions>? configure = null) =>
        services.AddCheckpointSaver(configure, (sp, options) => new PostgresSaver(sp.GetRequiredService<NpgsqlDataSource>(), options));

    /// <summary>
    /// Registers a <see cref="PostgresSaver"/> (as itself and as <see cref="BaseCheckpointSaver"/>) with its own data
    /// source built from <paramref name="connectionString"/>, disposed with the container.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">An Npgsql connection string or a <c>postgresql://</c> URI (see <see cref="PostgresConnectionString"/>).</param>
    /// <param name="configure">Configures the options; a registered <see cref="ICheckpointSerializer"/> is used when none is set.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddPostgresCheckpointSaver(this IServiceCollection services, string connectionString, Action<PostgresSaverOptions>? configure = null) =>
        services.AddKeyedPostgresCheckpointSaver(null, connectionString, configure);

    /// <summary>
    /// Registers a <see cref="PostgresSaver"/> with its own data source, configured from a section such as
    /// <c>{ "ConnectionString": "postgresql://app@db:5432/app", "SchemaName": "agents", "TransactionPooling": true }</c>:
    /// its <c>ConnectionString</c> (Npgsql form or URI) and any settable <see cref="PostgresSaverOptions"/> property
    /// (<c>WireFormat</c>, <c>ChunkCache:MaxBytes</c>, <c>Diagnostics:SlowOperationThreshold</c>, ...). The container's
    /// defaults apply first, then the section, then <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configure">Configures the options after binding; may be <see langword="null"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The section has no connection string, a key that names no option, or a value that does not convert.</exception>
    public static IServiceCollection AddPostgresCheckpointSaver(this IServiceCollection services, IConfiguration configuration, Action<IServiceProvider, PostgresSaverOptions>? configure = null) =>
        services.AddKeyedPostgresCheckpointSaver(null, configuration, configure);

    /// <summary>Registers a <see cref="PostgresSaver"/> under <paramref name="serviceKey"/>, as itself and as <see cref="BaseCheckpointSaver"/>, with its own data source disposed with the container.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="connectionString">An Npgsql connection string or a <c>postgresql://</c> URI.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddKeyedPostgresCheckpointSaver(this IServiceCollection services, object? serviceKey, string connectionString, Action<PostgresSaverOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return services.AddKeyedCheckpointSaver(serviceKey, configure, (_, options) => PostgresSaver.FromConnectionString(connectionString, options));
    }

    /// <summary>Registers a <see cref="PostgresSaver"/> under <paramref name="serviceKey"/>, configured from a section (see <see cref="AddPostgresCheckpointSaver(IServiceCollection, IConfiguration, Action{IServiceProvider, PostgresSaverOptions})"/>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configure">Configures the options after binding; may be <see langword="null"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The section has no connection string, a key that names no option, or a value that does not convert.</exception>
    public static IServiceCollection AddKeyedPostgresCheckpointSaver(this IServiceCollection services, object? serviceKey, IConfiguration configuration, Action<IServiceProvider, PostgresSaverOptions>? configure = null)
    {
        var connectionString = CheckpointConfiguration.GetConnectionString(configuration);
        return services.AddKeyedCheckpointSaver(
            serviceKey, CheckpointConfiguration.Configure(configuration, configure, CheckpointConfiguration.ConnectionStringKey), (_, options) => PostgresSaver.FromConnectionString(connectionString, options));
    }

    /// <summary>
    /// Registers a <see cref="PostgresStore"/> (as itself and as <see cref="BaseStore"/>) over the
    /// <see cref="NpgsqlDataSource"/> registered in the container. Add <c>services.AddStoreTtlSweeper()</c> to sweep
    /// expired items periodically.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the options; a registered <see cref="TimeProvider"/> is the default clock.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddPostgresStore(this IServiceCollection services, Action<PostgresStoreOptions>? configure = null) =>
        services.AddStore(configure, (sp, options) => new PostgresStore(sp.GetRequiredService<NpgsqlDataSource>(), options));

    /// <summary>
    /// Registers a <see cref="PostgresStore"/> (as itself and as <see cref="BaseStore"/>) with its own data source built
    /// from <paramref name="connectionString"/>, disposed with the container.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">An Npgsql connection string or a <c>postgresql://</c> URI (see <see cref="PostgresConnectionString"/>).</param>
    /// <param name="configure">Configures the options; a registered <see cref="TimeProvider"/> is the default clock.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddPostgresStore(this IServiceCollection services, string connectionString, Action<PostgresStoreOptions>? configure = null) =>
        services.AddKeyedPostgresStore(null, connectionString, configure);

    /// <summary>
    /// Registers a <see cref="PostgresStore"/> with its own data source, configured from a section such as
    /// <c>{ "ConnectionString": "postgresql://app@db:5432/app", "Index": { "Dimensions": 1536, "Fields": [ "text" ] } }</c>:
    /// its <c>ConnectionString</c> and any settable <see cref="PostgresStoreOptions"/> property. The container's defaults
    /// apply first, then the section, then <paramref name="configure"/>; an index left without a generator uses the
    /// container's <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configure">Configures the options after binding; may be <see langword="null"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The section has no connection string, a key that names no option, or a value that does not convert.</exception>
    public static IServiceCollection AddPostgresStore(this IServiceCollection services, IConfiguration configuration, Action<IServiceProvider, PostgresStoreOptions>? configure = null) =>
        services.AddKeyedPostgresStore(null, configuration, configure);

    /// <summary>Registers a <see cref="PostgresStore"/> under <paramref name="serviceKey"/>, as itself and as <see cref="BaseStore"/>, with its own data source disposed with the container.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="connectionString">An Npgsql connection string or a <c>postgresql://</c> URI.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddKeyedPostgresStore(this IServiceCollection services, object? serviceKey, string connectionString, Action<PostgresStoreOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return services.AddKeyedStore(serviceKey, configure, (_, options) => PostgresStore.FromConnectionString(connectionString, options));
    }

    /// <summary>Registers a <see cref="PostgresStore"/> under <paramref name="serviceKey"/>, configured from a section (see <see cref="AddPostgresStore(IServiceCollection, IConfiguration, Action{IServiceProvider, PostgresStoreOptions})"/>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configure">Configures the options after binding; may be <see langword="null"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The section has no connection string, a key that names no option, or a value that does not convert.</exception>
    public static IServiceCollection AddKeyedPostgresStore(this IServiceCollection services, object? serviceKey, IConfiguration configuration, Action<IServiceProvider, PostgresStoreOptions>? configure = null)
    {
        var connectionString = CheckpointConfiguration.GetConnectionString(configuration);
        return services.AddKeyedStore(
            serviceKey, CheckpointConfiguration.Configure(configuration, configure, CheckpointConfiguration.ConnectionStringKey), (_, options) => PostgresStore.FromConnectionString(connectionString, options));
    }
}
