using MongoDB.Driver;

namespace Checkpoint.Mongo.Internal;

/// <summary>Opens a client and database from a connection string, for the <c>FromConnectionString</c> factories.</summary>
internal static class MongoConnection
{
    /// <summary>Parses the URL, creates a client and picks the database.</summary>
    /// <param name="connectionString">The URL.</param>
    /// <param name="databaseName">The database; the URL's when <see langword="null"/>.</param>
    /// <returns>The new client (owned by the caller) and the database.</returns>
    /// <exception cref="ArgumentException">The URL is malformed or names no database.</exception>
    public static (IMongoClient Client, IMongoDatabase Database) Open(string connectionString, string? databaseName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        MongoUrl url;
        try
        {
            url = MongoUrl.Create(connectionString);
        }
        catch (Exception e) when (e is MongoConfigurationException or FormatException or ArgumentException)
        {
            // The driver's message may quote the URL, password included, so neither it nor the cause is passed on.
            throw new ArgumentException("The MongoDB connection string is not a valid mongodb:// or mongodb+srv:// URL.", nameof(connectionString));
        }

        var name = databaseName ?? url.DatabaseName;
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("Name the database: pass databaseName, or put it in the URL path (mongodb://host/database).", nameof(databaseName));
        }

        var client = new MongoClient(url);
        return (client, client.GetDatabase(name));
    }
}
