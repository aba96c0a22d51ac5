using Checkpoint.Providers;
using Checkpoint.Redis.Internal;
using StackExchange.Redis;

namespace Checkpoint.Redis;

/// <content>Put and put-writes: one script call each, whatever the number of channels or writes.</content>
public sealed partial class RedisSaver
{
    /// <inheritdoc />
    /// <remarks>
    /// Blobs the saver wrote before (unchanged chunks of a long list) go as keys only; the script checks they exist. In
    /// the rare case one does not (the thread was deleted or pruned meanwhile), nothing was written and every value is sent.
    /// </remarks>
    protected override async Task PutCore(bool async, CheckpointPutRequest request, CancellationToken cancellationToken)
    {
        var keys = KeysOf(request.ThreadId);
        var args = PutArguments(request, sendKnownBlobsAsKeys: true);

        // A checkpoint without a parent may start a thread: it is announced to the thread index first (pipelined), so
        // a crash after the put leaves the thread listed.
        var announced = request.ParentCheckpointId is null ? AnnounceAsync(async, Member(request.ThreadId)) : default;
        var outcome = (long)await _redis.EvalAsync(async, SaverScripts.Put, keys, args).ConfigureAwait(false);
        if (outcome == 0)
        {
            outcome = (long)await _redis.EvalAsync(async, SaverScripts.Put, keys, PutArguments(request, sendKnownBlobsAsKeys: false)).ConfigureAwait(false);
        }

        await announced.ConfigureAwait(false);
        if (outcome == 2)
        {
            // This put started the thread: announce it again, after, so a delete that raced with it cannot retire it.
            await AnnounceAsync(async, Member(request.ThreadId)).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override async Task PutWritesCore(bool async, CheckpointPutWritesRequest request, CancellationToken cancellationToken) =>
        await _redis.EvalAsync(async, SaverScripts.PutWrites, KeysOf(request.ThreadId), WriteArguments(request.CheckpointNs, request.CheckpointId, request.Writes)).ConfigureAwait(false);

    private RedisValue[] PutArguments(CheckpointPutRequest request, bool sendKnownBlobsAsKeys)
    {
        var ns = request.CheckpointNs;
        var versions = request.Checkpoint.ChannelVersions;

        // A blob written before that the checkpoint refers to goes once, as the reference (first among them, so the
        // script knows which to check exist), not a second time as a field without value.
        bool IsKnown(SerializedBlob blob) =>
            sendKnownBlobsAsKeys && blob.WrittenBefore && versions.TryGetValue(blob.Channel, out var version) && string.Equals(version, blob.Version, StringComparison.Ordinal);
        var knownChannels = new HashSet<string>(StringComparer.Ordinal);
        var known = new List<SerializedBlob>();
        var unknown = new List<SerializedBlob>(request.Blobs.Count);
        foreach (var blob in request.Blobs)
        {
            if (!IsKnown(blob))
            {
                unknown.Add(blob);
            }
            else if (knownChannels.Add(blob.Channel))
            {
                known.Add(blob);
            }
        }

        var args = new List<RedisValue>(9 + versions.Count + (2 * unknown.Count))
        {
            _ttlMilliseconds,
            OrdinalEncoding.Join(ns, request.CheckpointId),
            request.CheckpointJson,
            request.MetadataJson,
            request.ParentCheckpointId is null ? RedisValue.EmptyString : ParentValue(request.ParentCheckpointId),
            RunMember(request.Metadata.RunId, ns, request.CheckpointId),
            request.Checkpoint.Ts ?? string.Empty,
            versions.Count,
            known.Count,
        };
        foreach (var blob in known)
        {
            args.Add(OrdinalEncoding.Join(ns, blob.Channel, blob.Version));
        }

        foreach (var (channel, version) in versions)
        {
            if (!knownChannels.Contains(channel))
            {
                args.Add(OrdinalEncoding.Join(ns, channel, version));
            }
        }

        foreach (var blob in unknown)
        {
            args.Add(OrdinalEncoding.Join(ns, blob.Channel, blob.Version));
            args.Add(RecordCodec.EncodeValue(blob.Value));
        }

        return [.. args];
    }

    private RedisValue[] WriteArguments(string checkpointNs, string checkpointId, IReadOnlyList<SerializedWrite> writes)
    {
        var args = new RedisValue[1 + (3 * writes.Count)];
        args[0] = _ttlMilliseconds;
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            args[1 + (3 * i)] = WriteField(checkpointNs, checkpointId, write.TaskId, write.Index);
            args[2 + (3 * i)] = RecordCodec.EncodeWrite(write);
            args[3 + (3 * i)] = write.IsUpsert ? 1 : 0;
        }

        return args;
    }

    private static byte[] WriteField(string ns, string checkpointId, string taskId, int index)
    {
        var head = OrdinalEncoding.WithSeparator(OrdinalEncoding.Join(ns, checkpointId, taskId));
        return [.. head, .. RecordCodec.EncodeIndex(index)];
    }

    // A run id with NUL can never be asked for (DeleteForRuns rejects it), so such a checkpoint is simply not indexed.
    private static RedisValue RunMember(string? runId, string ns, string checkpointId) =>
        runId is null || runId.Contains('\0', StringComparison.Ordinal) ? RedisValue.EmptyString : OrdinalEncoding.Join(runId, ns, checkpointId);

    private static byte[] ParentValue(string parentId) => [(byte)'p', .. OrdinalEncoding.Encode(parentId)];
}
