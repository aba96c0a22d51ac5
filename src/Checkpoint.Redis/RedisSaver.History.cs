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
    public override IReadOnlyDictionary<string, DeltaChannelHistory> GetDeltaChannelHistory(RunConfig config, IReadOnlyList<string> channels) =>
        GetDeltaChannelHistoryAsync(false, config, channels).GetAwaiter().GetResult();

    /// <inheritdoc />
    public override Task<IReadOnlyDictionary<string, DeltaChannelHistory>> GetDeltaChannelHistoryAsync(RunConfig config, IReadOnlyList<string> channels, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return GetDeltaChannelHistoryAsync(true, config, channels).AsTask();
    }

    private async ValueTask<IReadOnlyDictionary<string, DeltaChannelHistory>> GetDeltaChannelHistoryAsync(bool async, RunConfig config, IReadOnlyList<string> channels)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(channels);
        if (string.IsNullOrEmpty(config.ThreadId))
        {
            throw new ArgumentException("The config has no thread_id.", nameof(config));
        }

        ValidateIdentifiers(config);
        var requested = channels.Distinct(StringComparer.Ordinal).ToList();
        if (requested.Count == 0)
        {
            return new Dictionary<string, DeltaChannelHistory>(StringComparer.Ordinal);
        }

        var ns = config.ResolvedCheckpointNs;
        var encodedNs = OrdinalEncoding.Encode(ns);
        RedisValue[] args =
        [
            ReadTtl,
            config.CheckpointId is null ? Latest : ByKeys,
            config.CheckpointId is null ? OrdinalEncoding.WithSeparator(encodedNs) : OrdinalEncoding.Join(ns, config.CheckpointId),
            EmptyValue,
            .. requested.Select(c => (RedisValue)OrdinalEncoding.WithSeparator(OrdinalEncoding.Join(ns, c))),
        ];
        var ancestors = await EvalAsync(async, SaverScripts.History, KeysOf(config.ThreadId), args).ConfigureAwait(false);
        if (HasChunkedSeed(ancestors))
        {
            // A seed stored in chunks is loaded by the generic walk, which reads whole checkpoints.
            return async
                ? await base.GetDeltaChannelHistoryAsync(config, channels).ConfigureAwait(false)
                : base.GetDeltaChannelHistory(config, channels);
        }

        return BuildHistory(config.ThreadId, ns, requested, ancestors);
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
    private Dictionary<string, DeltaChannelHistory> BuildHistory(string threadId, string ns, List<string> channels, RedisResult ancestors)
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
                .OrderBy(w => w.TaskPath, StringComparer.Ordinal)
                .ThenBy(w => w.TaskId, StringComparer.Ordinal)
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
