using Checkpoint;
using Checkpoint.Mongo;
using Checkpoint.Postgres;
using Checkpoint.Redis;
using Checkpoint.Sqlite;

namespace Quickstart;

/// <summary>Opens the checkpointer and store of a backend named on the command line.</summary>
public static class Backends
{
    /// <summary>The SQLite file the quickstart uses by default, in the current directory.</summary>
    public const string DefaultSqliteFile = "quickstart.db";

    private delegate (BaseCheckpointSaver Saver, BaseStore Store, string Description) Opener(string? connection, string workingDirectory);

    // The backends this build includes; the others are named by --help but refused with a clear message.
    private static readonly Dictionary<string, Opener> Available = new(StringComparer.Ordinal)
    {
        ["memory"] = (connection, _) => connection is null
            ? (new InMemorySaver(), new InMemoryStore(), "in memory: nothing survives the process")
            : throw new ArgumentException("--connection does not apply to the memory backend."),
        ["sqlite"] = (connection, workingDirectory) =>
        {
            connection ??= $"Data Source={Path.Combine(workingDirectory, DefaultSqliteFile)}";
            var saver = new SqliteSaver(connection);
            return (saver, new SqliteStore(connection), $"SQLite file {saver.DataSource}");
        },
        ["postgres"] = (connection, _) =>
        {
            var connectionString = Require(connection, "postgres", "Host=localhost;Username=postgres;Database=quickstart");
            return (PostgresSaver.FromConnectionString(connectionString), PostgresStore.FromConnectionString(connectionString), "PostgreSQL (schema public)");
        },
        ["redis"] = (connection, _) =>
        {
            // Its own key prefix, so the quickstart's threads and memories never mix with an application's.
            var configuration = Require(connection, "redis", "localhost:6379");
            return (RedisSaver.FromConnectionString(configuration, new RedisSaverOptions { KeyPrefix = "quickstart:checkpoint:" }),
                RedisStore.FromConnectionString(configuration, new RedisStoreOptions { KeyPrefix = "quickstart:store:" }),
                "Redis (keys under quickstart:)");
        },
        ["mongo"] = (connection, _) =>
        {
            var url = Require(connection, "mongo", "mongodb://localhost:27017/quickstart");
            var saver = MongoSaver.FromConnectionString(url);
            return (saver, MongoStore.FromConnectionString(url), "MongoDB (the database named in the connection string)");
        },
    };

    /// <summary>Whether this build includes <paramref name="backend"/>.</summary>
    /// <param name="backend">The backend name.</param>
    /// <returns><see langword="true"/> when it can be opened.</returns>
    public static bool IsAvailable(string backend) => Available.ContainsKey(backend);

    /// <summary>Opens a backend and runs its <c>Setup</c>.</summary>
    /// <param name="backend">The backend name.</param>
    /// <param name="connection">The connection string, or <see langword="null"/> for the default.</param>
    /// <param name="workingDirectory">Where the default SQLite file goes.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The saver, the store and a description for the user.</returns>
    /// <exception cref="NotSupportedException">The backend is not part of this build.</exception>
    /// <exception cref="ArgumentException">The connection string is missing or does not apply.</exception>
    public static async Task<(BaseCheckpointSaver Saver, BaseStore Store, string Description)> OpenAsync(
        string backend, string? connection, string workingDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backend);
        if (!Available.TryGetValue(backend, out var open))
        {
            throw new NotSupportedException(
                $"The {backend} backend is not part of this build of the quickstart yet; available: {string.Join(", ", Available.Keys)}.");
        }

        var opened = open(connection, workingDirectory);
        try
        {
            await opened.Saver.SetupAsync(cancellationToken);
            await opened.Store.SetupAsync(cancellationToken);
            return opened;
        }
        catch
        {
            await opened.Saver.DisposeAsync();
            await opened.Store.DisposeAsync();
            throw;
        }
    }

    private static string Require(string? connection, string backend, string example) =>
        connection ?? throw new ArgumentException($"--backend {backend} needs --connection, e.g. --connection \"{example}\".");
}
