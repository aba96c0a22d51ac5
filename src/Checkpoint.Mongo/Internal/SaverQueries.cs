using Checkpoint.Providers;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo.Internal;

/// <summary>The filters, sorts and pipelines of the saver, built where tests can render them without a server.</summary>
internal static class SaverQueries
{
    /// <summary>Gets the list order: checkpoint id descending, then thread and namespace ascending (binary string order).</summary>
    public static SortDefinition<BsonDocument> ListSort { get; } =
        new BsonDocument { { Fields.CheckpointId, -1 }, { Fields.ThreadId, 1 }, { Fields.CheckpointNs, 1 } };

    /// <summary>Gets the order that puts the newest checkpoint of a namespace first.</summary>
    public static SortDefinition<BsonDocument> NewestFirst { get; } = new BsonDocument(Fields.CheckpointId, -1);

    /// <summary>Gets the order of chunks inside their set.</summary>
    public static SortDefinition<BsonDocument> ChunkOrder { get; } = new BsonDocument { { Fields.ChunkSet, 1 }, { Fields.ChunkNumber, 1 } };

    /// <summary>The filter of a get: one checkpoint, or every checkpoint of the namespace (sort with <see cref="NewestFirst"/>, take one).</summary>
    public static FilterDefinition<BsonDocument> Get(string threadId, string checkpointNs, string? checkpointId)
    {
        var filter = new BsonDocument { { Fields.ThreadId, threadId }, { Fields.CheckpointNs, checkpointNs } };
        if (checkpointId is not null)
        {
            filter.Add(Fields.CheckpointId, checkpointId);
        }

        return filter;
    }

    /// <summary>The filter of a list, and whether it is exact (else the metadata filter must also be checked in process).</summary>
    /// <param name="query">The validated query.</param>
    /// <returns>The filter and its exactness.</returns>
    public static (FilterDefinition<BsonDocument> Filter, bool IsExact) List(CheckpointListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new BsonDocument();
        if (query.ThreadId is not null)
        {
            filter.Add(Fields.ThreadId, query.ThreadId);
        }

        if (query.CheckpointNs is not null)
        {
            filter.Add(Fields.CheckpointNs, query.CheckpointNs);
        }

        if (query.CheckpointId is not null || query.Before is not null)
        {
            var id = new BsonDocument();
            if (query.CheckpointId is not null)
            {
                id.Add("$eq", query.CheckpointId);
            }

            if (query.Before is not null)
            {
                id.Add("$lt", query.Before);
            }

            filter.Add(Fields.CheckpointId, id);
        }

        var (metadata, exact) = MetadataFilter.Translate(query.Filter);
        if (metadata.ElementCount > 0)
        {
            // Damaged metadata (not a document) passes, so the saver reports it instead of the listing leaving it out.
            filter.Add("$or", new BsonArray { DamagedMetadata, metadata });
        }

        return (filter, exact);
    }

    /// <summary>The blobs of the channel versions of some checkpoints: one clause per distinct (thread, namespace, channel, version).</summary>
    public static FilterDefinition<BsonDocument> BlobsOf(IEnumerable<StoredCheckpoint> checkpoints) => BlobsOf(BlobKeysOf(checkpoints));

    /// <summary>The distinct value keys the checkpoints' channel versions name, in a stable order.</summary>
    public static List<(string ThreadId, string CheckpointNs, string Channel, string Version)> BlobKeysOf(IEnumerable<StoredCheckpoint> checkpoints)
    {
        var keys = new List<(string, string, string, string)>();
        var seen = new HashSet<(string, string, string, string)>();
        foreach (var checkpoint in checkpoints)
        {
            foreach (var (channel, version) in checkpoint.Checkpoint.ChannelVersions.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var key = (checkpoint.ThreadId, checkpoint.CheckpointNs, channel, version);
                if (seen.Add(key))
                {
                    keys.Add(key);
                }
            }
        }

        return keys;
    }

    /// <summary>The values with the given keys.</summary>
    public static FilterDefinition<BsonDocument> BlobsOf(IEnumerable<(string ThreadId, string CheckpointNs, string Channel, string Version)> keys)
    {
        var clauses = new BsonArray(keys.Select(k => new BsonDocument
        {
            { Fields.ThreadId, k.ThreadId },
            { Fields.CheckpointNs, k.CheckpointNs },
            { Fields.Channel, k.Channel },
            { Fields.Version, k.Version },
        }));
        return clauses.Count == 0 ? Nothing : new BsonDocument("$or", clauses);
    }

    /// <summary>The pending writes of some checkpoints: one clause per (thread, namespace) with the ids in <c>$in</c>.</summary>
    public static FilterDefinition<BsonDocument> WritesOf(IEnumerable<(string ThreadId, string CheckpointNs, string CheckpointId)> checkpoints)
    {
        var clauses = new BsonArray(checkpoints
            .GroupBy(c => (c.ThreadId, c.CheckpointNs))
            .Select(g => new BsonDocument
            {
                { Fields.ThreadId, g.Key.ThreadId },
                { Fields.CheckpointNs, g.Key.CheckpointNs },
                { Fields.CheckpointId, new BsonDocument("$in", new BsonArray(g.Select(c => c.CheckpointId).Distinct(StringComparer.Ordinal))) },
            }));
        return clauses.Count switch
        {
            0 => Nothing,
            1 => clauses[0].AsBsonDocument,
            _ => new BsonDocument("$or", clauses),
        };
    }

    /// <summary>The chunks of some chunk sets of one thread.</summary>
    public static FilterDefinition<BsonDocument> ChunksOf(string threadId, IEnumerable<ObjectId> sets) =>
        new BsonDocument { { Fields.ThreadId, threadId }, { Fields.ChunkSet, new BsonDocument("$in", new BsonArray(sets.Distinct())) } };

    /// <summary>The chunks of chunk sets across threads.</summary>
    public static FilterDefinition<BsonDocument> ChunksOf(IEnumerable<(string ThreadId, ObjectId Set)> sets)
    {
        var clauses = new BsonArray(sets.GroupBy(s => s.ThreadId).Select(g => ChunksOf(g.Key, g.Select(s => s.Set)).Render(RenderArgs)));
        return clauses.Count switch
        {
            0 => Nothing,
            1 => clauses[0].AsBsonDocument,
            _ => new BsonDocument("$or", clauses),
        };
    }

    /// <summary>Every document of a thread (in any of the saver's collections).</summary>
    public static FilterDefinition<BsonDocument> Thread(string threadId) => new BsonDocument(Fields.ThreadId, threadId);

    /// <summary>
    /// The checkpoints whose metadata <c>run_id</c> is one of <paramref name="runIds"/> (a string, not an array that
    /// contains one).
    /// </summary>
    public static FilterDefinition<BsonDocument> Runs(IReadOnlyList<string> runIds) =>
        new BsonDocument(Fields.Metadata + ".run_id", new BsonDocument { { "$in", new BsonArray(runIds) }, { "$not", MetadataFilter.NotArray } });

    /// <summary>Some checkpoints of one thread and namespace, by id.</summary>
    public static FilterDefinition<BsonDocument> CheckpointsById(string threadId, string checkpointNs, IEnumerable<string> checkpointIds) =>
        new BsonDocument
        {
            { Fields.ThreadId, threadId },
            { Fields.CheckpointNs, checkpointNs },
            { Fields.CheckpointId, new BsonDocument("$in", new BsonArray(checkpointIds)) },
        };

    /// <summary>Some documents by <c>_id</c>.</summary>
    public static FilterDefinition<BsonDocument> ByIds(IEnumerable<BsonValue> ids) =>
        new BsonDocument(Fields.Id, new BsonDocument("$in", new BsonArray(ids)));

    /// <summary>
    /// The thread listing: threads after the cursor with their largest checkpoint id, in binary (ordinal-equivalent)
    /// order of their ids.
    /// </summary>
    public static PipelineDefinition<BsonDocument, BsonDocument> ListThreads(ThreadListOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stages = new List<BsonDocument>();
        if (options.After is not null)
        {
            stages.Add(new BsonDocument("$match", new BsonDocument(Fields.ThreadId, new BsonDocument("$gt", options.After))));
        }

        stages.Add(new BsonDocument("$group", new BsonDocument { { Fields.Id, "$" + Fields.ThreadId }, { "latest", new BsonDocument("$max", "$" + Fields.CheckpointId) } }));
        stages.Add(new BsonDocument("$sort", new BsonDocument(Fields.Id, 1)));
        if (options.Limit is { } limit)
        {
            stages.Add(new BsonDocument("$limit", limit));
        }

        return PipelineDefinition<BsonDocument, BsonDocument>.Create(stages);
    }

    /// <summary>Gets a filter that matches nothing (an empty <c>$in</c> on <c>_id</c>).</summary>
    /// <summary>Checkpoint documents whose metadata is present but not a document.</summary>
    public static BsonDocument DamagedMetadata => new(Fields.Metadata, new BsonDocument { { "$exists", true }, { "$not", new BsonDocument("$type", "object") } });

    public static FilterDefinition<BsonDocument> Nothing => new BsonDocument(Fields.Id, new BsonDocument("$in", new BsonArray()));

    /// <summary>Gets the arguments to render definitions over <see cref="BsonDocument"/> collections.</summary>
    public static RenderArgs<BsonDocument> RenderArgs => new(MongoDB.Bson.Serialization.Serializers.BsonDocumentSerializer.Instance, MongoDB.Bson.Serialization.BsonSerializer.SerializerRegistry);
}
