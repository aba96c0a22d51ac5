using Checkpoint.Redis.Internal;
using StackExchange.Redis;

namespace Checkpoint.Redis;

/// <content>
/// The thread index (<see cref="ThreadIndex"/>): kept by put, copy, delete and prune; filled from a SCAN by
/// <c>Setup()</c> when it raises the schema to version 2; read by list-threads and list-without-a-thread once the
/// recorded version says it is complete (before that they SCAN, as version 1 did).
/// </content>
public sealed partial class RedisSaver
{
    private const int IndexBatchSize = 500;

    private RedisKey[]? _indexKeys;
    private volatile bool _indexComplete;

    private RedisKey[] IndexKeys => _indexKeys ??= ThreadIndex.Keys(_redis.Prefix);

    private ValueTask<RedisResult> AnnounceAsync(bool async, params RedisValue[] members) =>
        _redis.EvalAsync(async, ThreadIndex.Announce, IndexKeys, members);

    private static RedisValue Member(string threadId) => OrdinalEncoding.Encode(threadId);

    // The index can answer once Setup() recorded version 2 (it filled the index from a SCAN first); remembered once seen.
    private async ValueTask<bool> IndexIsCompleteAsync(bool async)
    {
        if (!_indexComplete)
        {
            var key = SchemaKey(_redis.Prefix);
            var version = async ? await Database.StringGetAsync(key).ConfigureAwait(false) : Database.StringGet(key);
            _indexComplete = !version.IsNull && (long)version >= ThreadIndex.SchemaVersion;
        }

        return _indexComplete;
    }

    // Removes threads and their index entries. On a single node one script per thread does both atomically, all
    // pipelined: one round trip. On a cluster the index keys carry another hash tag than the thread's, and a pipeline
    // does not order commands across nodes, so it takes three steps whatever the number of threads: read the entries'
    // generations, delete the threads, then retire each entry unless a put announced its thread again meanwhile.
    private async ValueTask RemoveThreadsAsync(bool async, IReadOnlyList<string> threadIds)
    {
        if (threadIds.Count == 0)
        {
            return;
        }

        RedisValue[] members = [.. threadIds.Select(Member)];
        if (_redis.IsSingleNode)
        {
            await _redis.EvalAllAsync(async, ThreadIndex.DeleteThread, [.. threadIds.Select(t => (RedisKey[])[.. KeysOf(t), .. IndexKeys])], i => [members[i]]).ConfigureAwait(false);
            return;
        }

        var generations = async
            ? await Database.HashGetAsync(IndexKeys[ThreadIndex.Generations], members).ConfigureAwait(false)
            : Database.HashGet(IndexKeys[ThreadIndex.Generations], members);
        await RunPerThreadAsync(async, SaverScripts.DeleteThread, threadIds, _ => []).ConfigureAwait(false);
        await RetireAsync(async, [.. members.Zip(generations)]).ConfigureAwait(false);
    }

    private async ValueTask RetireAsync(bool async, IReadOnlyList<(RedisValue Member, RedisValue Generation)> entries)
    {
        var pairs = entries.Where(e => !e.Generation.IsNull).SelectMany(e => new[] { e.Member, e.Generation }).ToArray();
        if (pairs.Length > 0)
        {
            await _redis.EvalAsync(async, ThreadIndex.Retire, IndexKeys, pairs).ConfigureAwait(false);
        }
    }

    // Version 1 kept no index: announce every thread that has checkpoints, found by SCAN, before version 2 is recorded.
    private async ValueTask FillThreadIndexAsync(bool async)
    {
        var threads = await ScanThreadsAsync(async, ThreadKeys.ByIdSuffix).ConfigureAwait(false);
        foreach (var batch in threads.Chunk(IndexBatchSize))
        {
            await AnnounceAsync(async, [.. batch.Select(Member)]).ConfigureAwait(false);
        }
    }

    // Every thread that may have checkpoints: the whole index when it is complete, else a SCAN. Generations are only
    // for retiring, which this does not do: a thread deleted after its page was read just reads as empty, and one
    // deleted and started again is read as it is then, as any listing that runs beside writers reads it.
    private async ValueTask<List<string>> AllThreadsAsync(bool async)
    {
        var pages = await ThreadPages.OpenAsync(this, async, after: null).ConfigureAwait(false);
        var threads = new List<string>();
        while (!pages.Done)
        {
            threads.AddRange((await pages.NextAsync(async, IndexBatchSize).ConfigureAwait(false)).Threads);
        }

        return threads;
    }

    private async ValueTask<(byte[][] Members, RedisValue[] Generations)> IndexRangeAsync(bool async, string? after, int count)
    {
        var result = await _redis.EvalAsync(async, ThreadIndex.Range, IndexKeys, [ThreadIndex.After(after), count]).ConfigureAwait(false);
        return ((byte[][])result[0]!, (RedisValue[])result[1]!);
    }
}
