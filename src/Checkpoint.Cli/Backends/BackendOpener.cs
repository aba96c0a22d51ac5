using Checkpoint.Mongo;
using Checkpoint.Postgres;
using Checkpoint.Redis;
using Checkpoint.Sqlite;
using MongoDB.Driver;
using Npgsql;
using StackExchange.Redis;

namespace Checkpoint.Cli.Backends;

/// <summary>Opens the saver and store of a <see cref="BackendSpec"/>, sharing one connection between them.</summary>
internal static class BackendOpener
{
    // The tool reads what is there: reading an item must not extend its life.
    private static StoreTtlOptions ReadOnlyTtl => new() { RefreshOnRead = false };

    /// <summary>Opens a database. Nothing is created: <c>setup</c> (or a copy's target) runs Setup explicitly.</summary>
    /// <param name="spec">Where the database is.</param>
    /// <param name="cancellationToken">A token to cancel connecting.</param>
    /// <returns>The open database.</returns>
    public static async Task<OpenedBackend> OpenAsync(BackendSpec spec, CancellationToken cancellationToken)
    {
        switch (spec.Backend)
        {
            case "sqlite":
                return new OpenedBackend(
                    spec,
                    new SqliteSaver(spec.SqliteConnectionString),
                    new SqliteStore(spec.SqliteConnectionString, new SqliteStoreOptions { Ttl = ReadOnlyTtl }),
                    null);
            case "postgres":
            {
                var dataSource = NpgsqlDataSource.Create(spec.NpgsqlConnectionString);
                var schema = spec.Schema ?? "public";
                return new OpenedBackend(
                    spec,
                    new PostgresSaver(dataSource, new PostgresSaverOptions { SchemaName = schema }),
                    new PostgresStore(dataSource, new PostgresStoreOptions { SchemaName = schema, Ttl = ReadOnlyTtl }),
                    dataSource);
            }

            case "redis":
            {
                var options = spec.RedisOptions;
                var connection = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(cancellationToken).ConfigureAwait(false);
                var prefix = spec.Prefix ?? string.Empty;
                return new OpenedBackend(
                    spec,
                    new RedisSaver(connection, new RedisSaverOptions { KeyPrefix = prefix + RedisSaverOptions.DefaultKeyPrefix }),
                    new RedisStore(connection, new RedisStoreOptions { KeyPrefix = prefix + RedisStoreOptions.DefaultKeyPrefix, Ttl = ReadOnlyTtl }),
                    connection);
            }

            case "mongo":
            {
                var url = MongoUrl.Create(spec.Connection);
                if (string.IsNullOrEmpty(url.DatabaseName))
                {
                    throw new CliException(ExitCodes.Usage, "the MongoDB connection string must name the database, e.g. mongodb://localhost:27017/agents.");
                }

                var client = new MongoClient(url);
                var database = client.GetDatabase(url.DatabaseName);
                var prefix = spec.Prefix ?? string.Empty;
                return new OpenedBackend(
                    spec,
                    new MongoSaver(database, new MongoSaverOptions { CollectionPrefix = prefix }),
                    new MongoStore(database, new MongoStoreOptions { CollectionPrefix = prefix, Ttl = ReadOnlyTtl }),
                    new AsyncDisposer(client.Dispose));
            }

            default:
                throw new CliException(ExitCodes.Usage, $"unknown backend '{spec.Backend}'; choose one of: {string.Join(", ", BackendSpec.Names)}.");
        }
    }

    private sealed class AsyncDisposer(Action dispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            dispose();
            return ValueTask.CompletedTask;
        }
    }
}
