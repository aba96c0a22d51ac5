using Checkpoint.Redis.Internal;
using StackExchange.Redis;

namespace Checkpoint.Redis;

/// <content>Delete, delete-for-runs, copy and prune.</content>
public sealed partial class RedisSaver
{
    /// <inheritdoc />
    protected override async Task DeleteThreadCore(bool async, string threadId, CancellationToken cancellationToken) =>
        await RemoveThreadsAsync(async, [threadId]).ConfigureAwait(false);

    /// <inheritdoc />
    /// <remarks>Only threads that ever had a run-tagged checkpoint have a run index; each gets one script, all pipelined.</remarks>
    protected override async Task DeleteForRunsCore(bool async, IReadOnlyList<string> runIds, CancellationToken cancellationToken)
    {
        var threads = await ScanThreadsAsync(async, ThreadKeys.RunsSuffix).ConfigureAwait(false);
        RedisValue[] runs = [.. runIds.Select(r => (RedisValue)OrdinalEncoding.Encode(r))];
        await _redis.EvalAllAsync(async, SaverScripts.RemoveRuns, [.. threads.Select(KeysOf)], _ => runs).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// DUMP every key of the source in one atomic read, then RESTORE them under the target's keys in one atomic write.
    /// Keys hold no thread id (only their names do), so the dumped values are valid for the target as they are.
    /// </remarks>
    protected override async Task CopyThreadCore(bool async, string sourceThreadId, string targetThreadId, CancellationToken cancellationToken)
    {
        var dumped = await _redis.EvalAsync(async, SaverScripts.Dump, KeysOf(sourceThreadId), []).ConfigureAwait(false);
        var args = new RedisValue[1 + dumped.Length];
        args[0] = _ttlMilliseconds;
        for (var i = 0; i < dumped.Length; i++)
        {
            args[i + 1] = dumped[i].IsNull ? RedisValue.EmptyString : (RedisValue)(byte[])dumped[i]!;
        }

        // Announced before and after, as a put that starts a thread is.
        var announced = AnnounceAsync(async, Member(targetThreadId));
        var copied = (long)await _redis.EvalAsync(async, SaverScripts.Restore, KeysOf(targetThreadId), args).ConfigureAwait(false);
        await announced.ConfigureAwait(false);
        if (copied < 0)
        {
            throw new InvalidOperationException($"Cannot copy thread '{sourceThreadId}' to '{targetThreadId}': the target thread already has checkpoints.");
        }

        if (copied > 0)
        {
            await AnnounceAsync(async, Member(targetThreadId)).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override async Task PruneCore(bool async, IReadOnlyList<string> threadIds, PruneStrategy strategy, CancellationToken cancellationToken)
    {
        switch (strategy.Kind)
        {
            case PruneStrategyKind.DeleteAll:
                await RemoveThreadsAsync(async, threadIds).ConfigureAwait(false);
                break;
            case PruneStrategyKind.KeepLast:
                await RunPerThreadAsync(async, SaverScripts.KeepLast, threadIds, _ => [strategy.KeepCount]).ConfigureAwait(false);
                break;
            default:
                // Timestamps are parsed here, not in Lua, so "older than" means exactly what DateTimeOffset parsing says.
                var stamps = await RunPerThreadAsync(async, SaverScripts.Timestamps, threadIds, _ => []).ConfigureAwait(false);
                var doomed = threadIds.Select((_, i) => OlderThan(stamps[i], strategy.Cutoff)).ToList();
                await RunPerThreadAsync(async, SaverScripts.Remove, threadIds, i => doomed[i]).ConfigureAwait(false);
                break;
        }
    }

    private ValueTask<RedisResult[]> RunPerThreadAsync(bool async, string script, IReadOnlyList<string> threadIds, Func<int, RedisValue[]> args) =>
        _redis.EvalAllAsync(async, script, [.. threadIds.Select(KeysOf)], args);

    // Per namespace the newest checkpoint is always kept; unparsable timestamps are kept too.
    private static RedisValue[] OlderThan(RedisResult stamps, DateTimeOffset cutoff)
    {
        var rows = (byte[][])stamps[0]!;
        var times = stamps[1];
        var doomed = new List<RedisValue>();
        string? newerNs = null;
        for (var i = rows.Length - 1; i >= 0; i--)
        {
            var ns = OrdinalEncoding.Split(rows[i], 2)[0];
            if (!string.Equals(ns, newerNs, StringComparison.Ordinal))
            {
                newerNs = ns;
                continue;
            }

            var checkpoint = new GraphCheckpoint { Id = string.Empty, Ts = times[i].IsNull ? string.Empty : (string)times[i]! };
            if (checkpoint.TryGetTimestamp() is { } ts && ts < cutoff)
            {
                doomed.Add(rows[i]);
            }
        }

        return [.. doomed];
    }
}
