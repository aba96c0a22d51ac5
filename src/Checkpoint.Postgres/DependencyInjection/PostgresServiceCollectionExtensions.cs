using Checkpoint;
using Checkpoint.Postgres;
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
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="configure">Configures the options; a registered <see cref="ICheckpointSerializer"/> is used when none is set.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddPostgresCheckpointSaver(this IServiceCollection services, string connectionString, Action<PostgresSaverOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return services.AddCheckpointSaver(configure, (_, options) => PostgresSaver.FromConnectionString(connectionString, options));
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
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="configure">Configures the options; a registered <see cref="TimeProvider"/> is the default clock.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddPostgresStore(this IServiceCollection services, string connectionString, Action<PostgresStoreOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return services.AddStore(configure, (_, options) => PostgresStore.FromConnectionString(connectionString, options));
    }
}
