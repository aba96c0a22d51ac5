using MongoDB.Bson;

namespace Checkpoint.Mongo.Internal;

/// <summary>
/// Decides what a removal of checkpoints leaves behind in one thread: the blobs no remaining checkpoint refers to and
/// the chunk sets no remaining blob or write refers to.
/// </summary>
/// <remarks>
/// A blob that a removed checkpoint referred to goes at once. A blob or chunk set that nothing ever referred to is the
/// leftover of a crashed (or still running) put: it goes only when it was last touched before <c>orphanCutoff</c>,
/// so a prune never pulls values from under a put in flight.
/// </remarks>
internal static class ThreadGarbage
{
    /// <summary>The projection of checkpoint documents the collector needs.</summary>
    public static BsonDocument CheckpointProjection { get; } = new()
    {
        { Fields.CheckpointNs, 1 },
        { Fields.CheckpointId, 1 },
        { Fields.Checkpoint + ".ts", 1 },
        { Fields.Checkpoint + ".channel_versions", 1 },
    };

    /// <summary>The projection of blob and write documents the collector needs.</summary>
    public static BsonDocument ValueProjection { get; } = new()
    {
        { Fields.CheckpointNs, 1 },
        { Fields.Channel, 1 },
        { Fields.Version, 1 },
        { Fields.CheckpointId, 1 },
        { Fields.Value + "." + Fields.ChunkSet, 1 },
        { Fields.TouchedAt, 1 },
    };

    /// <summary>The projection of chunk documents the collector needs.</summary>
    public static BsonDocument ChunkProjection { get; } = new() { { Fields.ChunkSet, 1 }, { Fields.TouchedAt, 1 } };

    /// <summary>Reads the (namespace, channel, version) triples a projected checkpoint document refers to.</summary>
    public static IEnumerable<(string Ns, string Channel, string Version)> References(BsonDocument checkpoint)
    {
        var ns = checkpoint[Fields.CheckpointNs].AsString;
        if (checkpoint.TryGetValue(Fields.Checkpoint, out var body) && body.IsBsonDocument
            && body.AsBsonDocument.TryGetValue("channel_versions", out var versions) && versions.IsBsonDocument)
        {
            foreach (var element in versions.AsBsonDocument)
            {
                yield return (ns, element.Name, element.Value.IsString ? element.Value.AsString : element.Value.ToString()!);
            }
        }
    }

    /// <summary>Chooses the blobs to delete.</summary>
    /// <param name="blobs">Every blob of the thread (projected).</param>
    /// <param name="remaining">Every checkpoint that stays (projected).</param>
    /// <param name="removed">The checkpoints being removed (projected).</param>
    /// <param name="orphanCutoff">Unreferenced blobs touched before this are crash leftovers.</param>
    /// <returns>The blobs to delete.</returns>
    public static List<BsonDocument> DeadBlobs(IReadOnlyList<BsonDocument> blobs, IEnumerable<BsonDocument> remaining, IEnumerable<BsonDocument> removed, DateTime orphanCutoff)
    {
        var live = remaining.SelectMany(References).ToHashSet();
        var released = removed.SelectMany(References).ToHashSet();
        return [.. blobs.Where(blob =>
        {
            var key = (blob[Fields.CheckpointNs].AsString, blob[Fields.Channel].AsString, blob[Fields.Version].AsString);
            return !live.Contains(key) && (released.Contains(key) || IsStale(blob, orphanCutoff));
        })];
    }

    /// <summary>Chooses the chunk sets to delete: those of deleted values, and stale ones nothing refers to.</summary>
    /// <param name="chunks">The first chunk of every set of the thread (projected).</param>
    /// <param name="liveValues">The blobs and writes that stay (projected).</param>
    /// <param name="deadValues">The blobs and writes being deleted (projected).</param>
    /// <param name="orphanCutoff">Unreferenced chunks touched before this are crash leftovers.</param>
    /// <returns>The chunk sets to delete.</returns>
    public static List<ObjectId> DeadChunkSets(IEnumerable<BsonDocument> chunks, IEnumerable<BsonDocument> liveValues, IEnumerable<BsonDocument> deadValues, DateTime orphanCutoff)
    {
        var live = liveValues.Select(ChunkSetOf).OfType<ObjectId>().ToHashSet();
        var dead = deadValues.Select(ChunkSetOf).OfType<ObjectId>().Where(s => !live.Contains(s)).ToHashSet();
        foreach (var chunk in chunks)
        {
            var set = chunk[Fields.ChunkSet].AsObjectId;
            if (!live.Contains(set) && IsStale(chunk, orphanCutoff))
            {
                dead.Add(set);
            }
        }

        return [.. dead];
    }

    private static ObjectId? ChunkSetOf(BsonDocument value) =>
        value.TryGetValue(Fields.Value, out var inner) && inner.IsBsonDocument ? ValueChunker.GetChunkSet(inner.AsBsonDocument) : null;

    private static bool IsStale(BsonDocument document, DateTime cutoff) =>
        !document.TryGetValue(Fields.TouchedAt, out var touched) || !touched.IsValidDateTime || touched.ToUniversalTime() < cutoff;
}
