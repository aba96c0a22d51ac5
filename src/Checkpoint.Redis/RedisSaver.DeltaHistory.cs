using Checkpoint.Providers;
using Checkpoint.Redis.Internal;
using StackExchange.Redis;

namespace Checkpoint.Redis;

/// <content>
/// Delta-channel history in one round trip: the parent chain is walked inside Redis by one script, instead of one
/// get-tuple per ancestor.
/// </content>
public sealed partial class RedisSaver
{
    private static readonly RedisValue EmptyValue = RecordCodec.EncodeValue(SerializedValue.Empty);

    /// <inheritdoc />
    protected override async Task<IReadOnlyDictionary<string, DeltaChannelHistory>> GetDeltaChannelHistoryCore(
        bool async, string threadId, string checkpointNs, string? checkpointId, IReadOnlyList<string> channels, CancellationToken cancellationToken)
    {
        RedisValue[] args =
        [
            ReadTtl,
            checkpointId is null ? Latest : ByKeys,
            checkpointId is null ? OrdinalEncoding.WithSeparator(OrdinalEncoding.Encode(checkpointNs)) : OrdinalEncoding.Join(checkpointNs, checkpointId),
            EmptyValue,
            .. channels.Select(c => (RedisValue)OrdinalEncoding.WithSeparator(OrdinalEncoding.Join(checkpointNs, c))),
        ];
        var ancestors = await _redis.EvalAsync(async, SaverScripts.History, KeysOf(threadId), args).ConfigureAwait(false);

        // A seed stored in chunks is loaded by the generic walk, which reads whole checkpoints.
        return HasChunkedSeed(ancestors)
            ? await base.GetDeltaChannelHistoryCore(async, threadId, checkpointNs, checkpointId, channels, cancellationToken).ConfigureAwait(false)
            : BuildHistory(threadId, checkpointNs, channels, ancestors);
    }

    private static bool HasChunkedSeed(RedisResult ancestors)
    {
        for (var a = 0; a < ancestors.Length; a++)
        {
            var found = ancestors[a][2];
            for (var i = 0; i + 2 < found.Length; i += 3)
            {
                if (IsChunkManifest(RecordCodec.DecodeValue((byte[])found[i + 1]!)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Newest ancestor first: per channel, its writes at each ancestor until (and including) the one holding its seed.
    private Dictionary<string, DeltaChannelHistory> BuildHistory(string threadId, string ns, IReadOnlyList<string> channels, RedisResult ancestors)
    {
        var newestFirst = channels.ToDictionary(c => c, _ => new List<PendingWrite>(), StringComparer.Ordinal);
        var seeds = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var a = 0; a < ancestors.Length; a++)
        {
            var ancestor = ancestors[a];
            var checkpointId = OrdinalEncoding.Split((byte[])ancestor[0]!, 2)[1];
            var writes = ((RedisResult[])ancestor[1]!)
                .Where(w => !w.IsNull)
                .Select(w => RecordCodec.DecodeWrite((byte[])w!))
                .OrderBy(w => w.TaskPath, CodePointComparer.Instance)
                .ThenBy(w => w.TaskId, CodePointComparer.Instance)
                .ThenBy(w => w.Index)
                .ToList();
            var found = ancestor[2];
            var seededHere = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i + 2 < found.Length; i += 3)
            {
                var channel = channels[(int)found[i] - 1];
                var version = OrdinalEncoding.Split((byte[])found[i + 2]!, 3)[2];
                seededHere[channel] = DeserializeValue(RecordCodec.DecodeValue((byte[])found[i + 1]!), ValueLocation.ChannelValue(threadId, ns, channel, version), checkpointId);
            }

            foreach (var channel in channels.Where(c => !seeds.ContainsKey(c)))
            {
                newestFirst[channel].AddRange(writes
                    .Where(w => string.Equals(w.Channel, channel, StringComparison.Ordinal))
                    .Reverse()
                    .Select(w => new PendingWrite(
                        w.TaskId,
                        w.Channel,
                        DeserializeValue(w.Value, ValueLocation.PendingWrite(threadId, ns, checkpointId, w.TaskId, w.Index, w.Channel), checkpointId),
                        w.TaskPath)));
            }

            foreach (var (channel, seed) in seededHere)
            {
                seeds[channel] = seed;
            }
        }

        return channels.ToDictionary(
            c => c,
            c => new DeltaChannelHistory(Enumerable.Reverse(newestFirst[c]).ToList(), seeds.ContainsKey(c), seeds.GetValueOrDefault(c)),
            StringComparer.Ordinal);
    }
}
