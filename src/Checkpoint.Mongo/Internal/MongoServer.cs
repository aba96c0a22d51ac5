using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo.Internal;

/// <summary>
/// What the server is, asked once (<c>hello</c>) and remembered: whether it is new enough and whether it runs
/// transactions (a replica set or a sharded cluster does, a standalone server does not).
/// </summary>
/// <param name="database">The database.</param>
internal sealed class MongoServer(IMongoDatabase database)
{
    /// <summary>The oldest supported release, for messages.</summary>
    public const string MinimumVersion = "5.0";

    /// <summary>The wire version of <see cref="MinimumVersion"/>: from 5.0, read concern "majority" is always available.</summary>
    public const int MinimumWireVersion = 13;

    private const int CommandNotFound = 59;

    private BsonDocument? _hello;

    /// <summary>Gets the client, for sessions.</summary>
    public IMongoClient Client => database.Client;

    /// <summary>Returns whether a <c>hello</c> reply describes a deployment that runs transactions.</summary>
    public static bool SupportsTransactions(BsonDocument hello)
    {
        ArgumentNullException.ThrowIfNull(hello);
        return hello.Contains("setName") || (hello.TryGetValue("msg", out var msg) && msg.IsString && msg.AsString == "isdbgrid");
    }

    /// <summary>Throws when a <c>hello</c> reply describes a server older than <see cref="MinimumVersion"/>.</summary>
    /// <exception cref="NotSupportedException">The server is too old.</exception>
    public static void EnsureSupported(BsonDocument hello)
    {
        ArgumentNullException.ThrowIfNull(hello);
        var wire = hello.TryGetValue("maxWireVersion", out var value) && value.IsNumeric ? value.ToInt32() : 0;
        if (wire < MinimumWireVersion)
        {
            throw new NotSupportedException(
                $"This MongoDB server speaks wire version {wire}; Checkpoint.Mongo needs MongoDB {MinimumVersion} or newer (wire version {MinimumWireVersion}), " +
                "where read concern \"majority\", which keeps reads from tearing, is always available. Nothing was changed.");
        }
    }

    /// <summary>Asks the server once, then checks it is new enough.</summary>
    /// <exception cref="NotSupportedException">The server is too old.</exception>
    public async Task<BsonDocument> HelloAsync(bool async, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _hello) is { } known)
        {
            return known;
        }

        BsonDocument hello;
        try
        {
            hello = await MongoIo.RunCommandAsync(async, database, new BsonDocument("hello", 1), cancellationToken).ConfigureAwait(false);
        }
        catch (MongoCommandException e) when (e.Code == CommandNotFound)
        {
            // Servers before 4.4.2 only know the legacy name; they are then refused as too old.
            hello = await MongoIo.RunCommandAsync(async, database, new BsonDocument("isMaster", 1), cancellationToken).ConfigureAwait(false);
        }

        EnsureSupported(hello);
        Volatile.Write(ref _hello, hello);
        return hello;
    }
}
