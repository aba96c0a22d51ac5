using Checkpoint;
using Checkpoint.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SQLite checkpointer and store in an <see cref="IServiceCollection"/>.</summary>
public static class SqliteServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="SqliteSaver"/> singleton, as itself and as <see cref="BaseCheckpointSaver"/>. The
    /// container disposes it (and so its connections) when it is disposed.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, for example <c>Data Source=app.db</c>.</param>
    /// <param name="configure">Configures the options. A registered <see cref="ICheckpointSerializer"/> is used when none is set.</param>
    /// <returns><paramref name="services"/>, for chaining (for example with <c>AddCheckpointSetupOnStartup()</c>).</returns>
    public static IServiceCollection AddSqliteCheckpointSaver(this IServiceCollection services, string connectionString, Action<SqliteSaverOptions>? configure = null) =>
        services.AddKeyedSqliteCheckpointSaver(null, connectionString, configure);

    /// <summary>
    /// Registers a <see cref="SqliteSaver"/> singleton configured from a section such as
    /// <c>{ "ConnectionString": "Data Source=app.db", "Durability": "Normal", "BusyTimeout": "00:00:10" }</c>: its
    /// <c>ConnectionString</c> and any settable <see cref="SqliteSaverOptions"/> property (<c>Layout</c>, <c>WireFormat</c>,
    /// <c>ChunkCache:MaxBytes</c>, <c>Diagnostics:SlowOperationThreshold</c>, ...). The container's defaults apply first,
    /// then the section, then <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configure">Configures the options after binding; may be <see langword="null"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The section has no connection string, a key that names no option, or a value that does not convert.</exception>
    public static IServiceCollection AddSqliteCheckpointSaver(this IServiceCollection services, IConfiguration configuration, Action<IServiceProvider, SqliteSaverOptions>? configure = null) =>
        services.AddKeyedSqliteCheckpointSaver(null, configuration, configure);

    /// <summary>Registers a <see cref="SqliteSaver"/> under <paramref name="serviceKey"/>, as itself and as <see cref="BaseCheckpointSaver"/>, disposed with the container.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddKeyedSqliteCheckpointSaver(this IServiceCollection services, object? serviceKey, string connectionString, Action<SqliteSaverOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddKeyedCheckpointSaver(serviceKey, configure, (_, options) => new SqliteSaver(connectionString, options));
    }

    /// <summary>Registers a <see cref="SqliteSaver"/> under <paramref name="serviceKey"/>, configured from a section (see <see cref="AddSqliteCheckpointSaver(IServiceCollection, IConfiguration, Action{IServiceProvider, SqliteSaverOptions})"/>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configure">Configures the options after binding; may be <see langword="null"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The section has no connection string, a key that names no option, or a value that does not convert.</exception>
    public static IServiceCollection AddKeyedSqliteCheckpointSaver(this IServiceCollection services, object? serviceKey, IConfiguration configuration, Action<IServiceProvider, SqliteSaverOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var connectionString = CheckpointConfiguration.GetConnectionString(configuration);
        return services.AddKeyedCheckpointSaver(
            serviceKey, CheckpointConfiguration.Configure(configuration, configure, CheckpointConfiguration.ConnectionStringKey), (_, options) => new SqliteSaver(connectionString, options));
    }

    /// <summary>
    /// Registers a <see cref="SqliteStore"/> singleton, as itself and as <see cref="BaseStore"/>. Chain
    /// <c>AddStoreTtlSweeper()</c> to remove expired items in the background.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, for example <c>Data Source=app.db</c>.</param>
    /// <param name="configure">Configures the options. A registered <see cref="TimeProvider"/> is the default clock.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddSqliteStore(this IServiceCollection services, string connectionString, Action<SqliteStoreOptions>? configure = null) =>
        services.AddKeyedSqliteStore(null, connectionString, configure);

    /// <summary>
    /// Registers a <see cref="SqliteStore"/> singleton configured from a section such as
    /// <c>{ "ConnectionString": "Data Source=app.db", "Index": { "Dimensions": 1536, "Fields": [ "text" ] }, "Ttl": { "DefaultTtl": "7.00:00:00" } }</c>:
    /// its <c>ConnectionString</c> and any settable <see cref="SqliteStoreOptions"/> property. The container's defaults
    /// apply first, then the section, then <paramref name="configure"/>; an index left without a generator uses the
    /// container's <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configure">Configures the options after binding; may be <see langword="null"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The section has no connection string, a key that names no option, or a value that does not convert.</exception>
    public static IServiceCollection AddSqliteStore(this IServiceCollection services, IConfiguration configuration, Action<IServiceProvider, SqliteStoreOptions>? configure = null) =>
        services.AddKeyedSqliteStore(null, configuration, configure);

    /// <summary>Registers a <see cref="SqliteStore"/> under <paramref name="serviceKey"/>, as itself and as <see cref="BaseStore"/>, disposed with the container.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddKeyedSqliteStore(this IServiceCollection services, object? serviceKey, string connectionString, Action<SqliteStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddKeyedStore(serviceKey, configure, (_, options) => new SqliteStore(connectionString, options));
    }

    /// <summary>Registers a <see cref="SqliteStore"/> under <paramref name="serviceKey"/>, configured from a section (see <see cref="AddSqliteStore(IServiceCollection, IConfiguration, Action{IServiceProvider, SqliteStoreOptions})"/>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> for an unkeyed registration.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configure">Configures the options after binding; may be <see langword="null"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The section has no connection string, a key that names no option, or a value that does not convert.</exception>
    public static IServiceCollection AddKeyedSqliteStore(this IServiceCollection services, object? serviceKey, IConfiguration configuration, Action<IServiceProvider, SqliteStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var connectionString = CheckpointConfiguration.GetConnectionString(configuration);
        return services.AddKeyedStore(
            serviceKey, CheckpointConfiguration.Configure(configuration, configure, CheckpointConfiguration.ConnectionStringKey), (_, options) => new SqliteStore(connectionString, options));
    }
}
