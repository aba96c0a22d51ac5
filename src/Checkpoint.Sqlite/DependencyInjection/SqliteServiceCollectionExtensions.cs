using Checkpoint;
using Checkpoint.Sqlite;

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
    public static IServiceCollection AddSqliteCheckpointSaver(this IServiceCollection services, string connectionString, Action<SqliteSaverOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddCheckpointSaver(configure, (_, options) => new SqliteSaver(connectionString, options));
    }

    /// <summary>
    /// Registers a <see cref="SqliteStore"/> singleton, as itself and as <see cref="BaseStore"/>. Chain
    /// <c>AddStoreTtlSweeper()</c> to remove expired items in the background.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, for example <c>Data Source=app.db</c>.</param>
    /// <param name="configure">Configures the options. A registered <see cref="TimeProvider"/> is the default clock.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddSqliteStore(this IServiceCollection services, string connectionString, Action<SqliteStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddStore(configure, (_, options) => new SqliteStore(connectionString, options));
    }
}
