using Checkpoint;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentService;

/// <summary>Registers the checkpointer and store the <c>Checkpoint</c> configuration section names.</summary>
internal static class CheckpointRegistration
{
    /// <summary>
    /// Registers the saver and store of <c>Checkpoint:Backend</c> (<c>Sqlite</c>, <c>Postgres</c> or <c>Redis</c>) from
    /// the <c>Saver</c> and <c>Store</c> sections (<c>ConnectionString</c> plus option properties, such as
    /// <c>SchemaName</c> or <c>KeyPrefix</c>), and runs their setup when the host starts.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="checkpoint">The <c>Checkpoint</c> section.</param>
    /// <param name="embeddings">The embedding model of the store's semantic search (<c>Store:Index</c>).</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="InvalidOperationException">The backend or a connection string is missing or unknown.</exception>
    public static IServiceCollection AddConfiguredCheckpointing(
        this IServiceCollection services, IConfigurationSection checkpoint, IEmbeddingGenerator<string, Embedding<float>> embeddings)
    {
        var saver = checkpoint.GetSection("Saver");
        var store = checkpoint.GetSection("Store");
        switch (checkpoint["Backend"])
        {
            case "Sqlite":
                services.AddSqliteCheckpointSaver(ConnectionString(saver), saver.Bind);
                services.AddSqliteStore(ConnectionString(store), options => BindStore(store, options, embeddings));
                break;
            case "Postgres":
                services.AddPostgresCheckpointSaver(ConnectionString(saver), saver.Bind);
                services.AddPostgresStore(ConnectionString(store), options => BindStore(store, options, embeddings));
                break;
            case "Redis":
                services.AddRedisCheckpointSaver(ConnectionString(saver), saver.Bind);
                services.AddRedisStore(ConnectionString(store), options => BindStore(store, options, embeddings));
                break;
            default:
                throw new InvalidOperationException($"Set {checkpoint.Path}:Backend to Sqlite, Postgres or Redis (it is '{checkpoint["Backend"]}').");
        }

        return services.AddCheckpointSetupOnStartup();
    }

    private static string ConnectionString(IConfigurationSection section) =>
        section["ConnectionString"] is { Length: > 0 } value ? value : throw new InvalidOperationException($"Set {section.Path}:ConnectionString.");

    // Semantic search: the dimensions and fields come from configuration, the embedding model from the application.
    private static void BindStore(IConfigurationSection section, StoreOptions options, IEmbeddingGenerator<string, Embedding<float>> embeddings)
    {
        section.Bind(options);
        var index = section.GetSection("Index");
        options.Index = index.Exists()
            ? new StoreIndexOptions
            {
                EmbeddingGenerator = embeddings,
                Dimensions = index.GetValue<int>("Dimensions"),
                Fields = index.GetSection("Fields").Get<string[]>() ?? [],
            }
            : null;
    }
}
