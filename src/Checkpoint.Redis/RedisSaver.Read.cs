using Checkpoint.Providers;
using Checkpoint.Redis.Internal;
using StackExchange.Redis;

namespace Checkpoint.Redis;

/// <content>Get-tuple: one atomic script call that returns the row, its blobs and its pending writes.</content>
public sealed partial class RedisSaver
{
    private static readonly RedisValue Latest = "latest";
    private static readonly RedisValue ByKeys = "keys";

    /// <inheritdoc />
    protected override async Task<CheckpointTuple?> GetTupleCore(bool async, string threadId, string checkpointNs, string? checkpointId, CancellationToken cancellationToken)
    {
        var cached = CachedChunksOf(threadId, checkpointNs);
        RedisValue[] args = checkpointId is null
            ? [ReadTtl, Latest, .. Held(cached), OrdinalEncoding.WithSeparator(OrdinalEncoding.Encode(checkpointNs))]
            : [ReadTtl, ByKeys, .. Held(cached), OrdinalEncoding.Join(checkpointNs, checkpointId)];
        var result = await _redis.EvalAsync(async, SaverScripts.Fetch, KeysOf(threadId), args).ConfigureAwait(false);
        return result.Length == 0 ? null : ReadTuple(threadId, result[0], [], cached);
    }

    /// <summary>The fetch script's arguments for the chunks the saver holds: their count, then each field suffix.</summary>
    private static RedisValue[] Held(CachedChunks cached)
    {
        var args = new RedisValue[1 + cached.Keys.Count];
        args[0] = cached.Keys.Count;
        for (var i = 0; i < cached.Keys.Count; i++)
        {
            args[i + 1] = OrdinalEncoding.Join(cached.Keys[i].Channel, cached.Keys[i].Version);
        }

        return args;
    }

    /// <summary>Reads one checkpoint of a fetch reply.</summary>
    /// <param name="threadId">The thread.</param>
    /// <param name="entry">The checkpoint's entry.</param>
    /// <param name="sent">The blobs earlier entries of the same reply carried: the script sends each blob once.</param>
    /// <param name="cached">The chunks the saver holds, which the script did not send.</param>
    private CheckpointTuple? ReadTuple(string threadId, RedisResult entry, Dictionary<(string Ns, string Channel, string Version), SerializedValue> sent, CachedChunks cached)
    {
        if (entry.IsNull || entry.Length < 7)
        {
            return null;
        }

        var row = OrdinalEncoding.Split((byte[])entry[0]!, 2);
        var checkpoint = ReadStoredCheckpoint(threadId, row[0], row[1], (byte[])entry[1]!);
        var metadata = ReadStoredMetadata(threadId, row[0], row[1], (byte[])entry[2]!);
        var parent = entry[3].IsNull ? null : OrdinalEncoding.Decode(((byte[])entry[3]!).AsSpan(1));

        var fields = entry[4];
        var values = entry[5];
        var blobs = new List<SerializedBlob>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i].IsNull)
            {
                continue;
            }

            var key = OrdinalEncoding.Split((byte[])fields[i]!, 3);
            var field = (key[0], key[1], key[2]);
            if (values[i].Resp2Type == ResultType.Integer)
            {
                if (sent.TryGetValue(field, out var earlier))
                {
                    blobs.Add(new SerializedBlob(key[1], key[2], earlier));
                }
            }
            else
            {
                var value = ReadStored(threadId, row[0], row[1], $"value of channel '{key[1]}'", () => RecordCodec.DecodeValue((byte[])values[i]!));
                sent[field] = value;
                blobs.Add(new SerializedBlob(key[1], key[2], value));
            }
        }

        var stored = entry[6];
        var writes = new List<SerializedWrite>(stored.Length);
        for (var i = 0; i < stored.Length; i++)
        {
            if (!stored[i].IsNull)
            {
                writes.Add(ReadStored(threadId, row[0], row[1], "pending write", () => RecordCodec.DecodeWrite((byte[])stored[i]!)));
            }
        }

        AssembleChannelValues(threadId, row[0], checkpoint, blobs, cached);
        return CreateTuple(threadId, row[0], checkpoint, metadata, parent, writes);
    }
}
