using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentService;

/// <summary>Registers the checkpointer and store the <c>Checkpoint</c> configuration section names.</summary>
internal static class CheckpointRegistration
{
    /// <summary>
    /// Registers the saver and store of <c>Checkpoint:Backend</c> (<c>Sqlite</c>, <c>Postgres</c> or <c>Redis</c>) from
    /// the <c>Saver</c> and <c>Store</c> sections (<c>ConnectionString</c> plus option properties, such as
    /// <c>SchemaName</c>, <c>KeyPrefix</c> or <c>Index:Dimensions</c>), and runs their setup when the host starts. The
    /// store's semantic search uses the container's embedding generator.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="checkpoint">The <c>Checkpoint</c> section.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="InvalidOperationException">The backend is missing or unknown.</exception>
    public static IServiceCollection AddConfiguredCheckpointing(this IServiceCollection services, IConfigurationSection checkpoint)
    {
        var saver = checkpoint.GetSection("Saver");
        var store = checkpoint.GetSection("Store");
        return checkpoint["Backend"] switch
        {
            "Sqlite" => services.AddSqliteCheckpointSaver(saver).AddSqliteStore(store).AddCheckpointSetupOnStartup(),
            "Postgres" => services.AddPostgresCheckpointSaver(saver).AddPostgresStore(store).AddCheckpointSetupOnStartup(),
            "Redis" => services.AddRedisCheckpointSaver(saver).AddRedisStore(store).AddCheckpointSetupOnStartup(),
            var other => throw new InvalidOperationException($"Set {checkpoint.Path}:Backend to Sqlite, Postgres or Redis (it is '{other}')."),
        };
    }
}
