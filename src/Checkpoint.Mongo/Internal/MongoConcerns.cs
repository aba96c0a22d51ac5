using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo.Internal;

/// <summary>
/// The read and write concerns every collection of the saver and store uses: writes acknowledged by a majority (so an
/// acknowledged checkpoint survives a failover), reads of majority-committed data (so nothing read can be rolled back).
/// </summary>
internal static class MongoConcerns
{
    /// <summary>Resolves and checks the write concern: the configured one, else majority.</summary>
    /// <exception cref="ArgumentException">The write concern does not acknowledge writes (w:0).</exception>
    public static WriteConcern Resolve(WriteConcern? configured, string parameter)
    {
        var concern = configured ?? WriteConcern.WMajority;
        if (!concern.IsAcknowledged)
        {
            throw new ArgumentException(
                "An unacknowledged write concern (w:0) cannot be used: a checkpointer or store must know that each write landed before it reports " +
                "success, and values written in chunks need the result of each write. Use WriteConcern.WMajority (the default) or w:1.",
                parameter);
        }

        return concern;
    }

    /// <summary>Returns the collection with the given write concern and read concern "majority".</summary>
    public static IMongoCollection<BsonDocument> Apply(IMongoCollection<BsonDocument> collection, WriteConcern writeConcern) =>
        collection.WithWriteConcern(writeConcern).WithReadConcern(ReadConcern.Majority);
}
