using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Checkpoint.Providers;
using Checkpoint.Redis.Internal;
using StackExchange.Redis;

namespace Checkpoint.Redis;

/// <content>
/// List and list-threads: one cursor per thread over its sorted sets, merged in contract order; rows are read in
/// pipelined batches only as the caller enumerates. Without a thread id the threads come from the thread index (a SCAN
/// on every primary until <c>Setup()</c> filled it); list-threads reads the index a page at a time.
/// </content>
public sealed partial class RedisSaver
{
    private const int ReadBatchSize = 32;
    private const int MaxPageSize = 256;

    /// <inheritdoc />
    protected override IEnumerable<CheckpointTuple> ListCore(CheckpointListQuery query)
    {
        var listing = new Listing(this, query);
        while (true)
        {
            var batch = listing.NextAsync(async: false).GetAwaiter().GetResult();
            if (batch.Count == 0)
            {
                yield break;
            }

            foreach (var tuple in batch)
            {
                yield return tuple;
            }
        }
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<CheckpointTuple> ListCoreAsync(CheckpointListQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var listing = new Listing(this, query);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = await listing.NextAsync(async: true).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                yield break;
            }

            foreach (var tuple in batch)
            {
                yield return tuple;
            }
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<ThreadInfo> ListThreadsCore(ThreadListOptions options) =>
        ListThreadsAsync(false, options).GetAwaiter().GetResult();

    /// <inheritdoc />
    protected override async IAsyncEnumerable<ThreadInfo> ListThreadsCoreAsync(ThreadListOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var thread in await ListThreadsAsync(true, options).ConfigureAwait(false))
        {
            yield return thread;
        }
    }

    /// <summary>The state of one list enumeration.</summary>
    private sealed class Listing(RedisSaver saver, CheckpointListQuery query)
    {
        private readonly PriorityQueue<ThreadCursor, ListEntry> _ready = new(ListOrder.Instance);
        private readonly List<ThreadCursor> _pending = [];
        private readonly int _pageSize = query.Limit is { } limit && query.Filter.Count == 0 ? Math.Clamp(limit, 1, MaxPageSize) : MaxPageSize;
        private int _remaining = query.Limit ?? int.MaxValue;
        private bool _started;

        public async ValueTask<List<CheckpointTuple>> NextAsync(bool async)
        {
            if (!_started)
            {
                _started = true;
                var threads = query.ThreadId is { } one ? [one] : await saver.AllThreadsAsync(async).ConfigureAwait(false);
                foreach (var threadId in threads)
                {
                    if (ThreadCursor.Create(threadId, saver.KeysOf(threadId), query.CheckpointNs, query.CheckpointId, query.Before) is { } cursor)
                    {
                        _pending.Add(cursor);
                    }
                }
            }

            while (_remaining > 0)
            {
                var candidates = await TakeAsync(async, Math.Min(ReadBatchSize, _remaining)).ConfigureAwait(false);
                if (candidates.Count == 0)
                {
                    return [];
                }

                if (query.Filter.Count > 0)
                {
                    candidates = await FilterAsync(async, candidates).ConfigureAwait(false);
                }

                var tuples = await saver.ReadTuplesAsync(async, candidates, query.CheckpointNs).ConfigureAwait(false);
                if (tuples.Count > 0)
                {
                    _remaining -= tuples.Count;
                    return tuples;
                }
            }

            return [];
        }

        // Merges the cursors: a cursor whose buffer ran dry is refilled before the next pick, so order is exact.
        private async ValueTask<List<ListEntry>> TakeAsync(bool async, int count)
        {
            var taken = new List<ListEntry>(count);
            while (taken.Count < count)
            {
                if (_pending.Count > 0)
                {
                    await RefillAsync(async).ConfigureAwait(false);
                }

                if (!_ready.TryDequeue(out var cursor, out _))
                {
                    break;
                }

                taken.Add(cursor.Take());
                if (cursor.HasHead)
                {
                    _ready.Enqueue(cursor, cursor.Head);
                }
                else if (cursor.NeedsPage)
                {
                    _pending.Add(cursor);
                }
            }

            return taken;
        }

        private async ValueTask RefillAsync(bool async)
        {
            var database = saver.Database;
            var pages = await saver._redis.AllAsync(async, _pending.Count, i => _pending[i].RequestPageAsync(database, _pageSize), i => _pending[i].RequestPage(database, _pageSize)).ConfigureAwait(false);
            for (var i = 0; i < pages.Length; i++)
            {
                _pending[i].Accept(pages[i], _pageSize);
            }

            foreach (var cursor in _pending.Where(c => c.HasHead))
            {
                _ready.Enqueue(cursor, cursor.Head);
            }

            _pending.Clear();
        }

        // Reads only the metadata of the candidates (one HMGET per thread, pipelined) and keeps those that match.
        private async ValueTask<List<ListEntry>> FilterAsync(bool async, List<ListEntry> candidates)
        {
            var byThread = candidates.GroupBy(c => c.ThreadId, StringComparer.Ordinal).ToList();
            var keys = byThread.Select(g => saver.KeysOf(g.Key)[ThreadKeys.Checkpoints]).ToList();
            var fields = byThread.Select(g => g.Select(c => (RedisValue)(byte[])[(byte)'m', .. c.RowKey]).ToArray()).ToList();
            var database = saver.Database;
            var results = await saver._redis.AllAsync(async, keys.Count, i => database.HashGetAsync(keys[i], fields[i]), i => database.HashGet(keys[i], fields[i])).ConfigureAwait(false);
            var matching = new HashSet<ListEntry>(ReferenceEqualityComparer.Instance);
            for (var g = 0; g < byThread.Count; g++)
            {
                var entries = byThread[g].ToList();
                for (var i = 0; i < entries.Count; i++)
                {
                    var entry = entries[i];
                    if (!results[g][i].IsNull
                        && JsonValueComparer.MetadataMatches(ReadStoredMetadata(entry.ThreadId, entry.Ns, entry.Id, (byte[])results[g][i]!).Values, query.Filter))
                    {
                        matching.Add(entries[i]);
                    }
                }
            }

            return [.. candidates.Where(matching.Contains)];
        }
    }

    // Reads whole checkpoints for list entries: one fetch script per thread, pipelined; keeps the entries' order. Chunks the
    // saver holds for the thread (in the namespace listed, or in all) are not sent.
    private async ValueTask<List<CheckpointTuple>> ReadTuplesAsync(bool async, List<ListEntry> entries, string? checkpointNs)
    {
        if (entries.Count == 0)
        {
            return [];
        }

        var byThread = entries.GroupBy(e => e.ThreadId, StringComparer.Ordinal).ToList();
        var cached = byThread.Select(g => CachedChunksOf(g.Key, checkpointNs)).ToList();
        var results = await _redis.EvalAllAsync(
            async,
            SaverScripts.Fetch,
            [.. byThread.Select(g => KeysOf(g.Key))],
            i => [ReadTtl, ByKeys, .. Held(cached[i]), .. byThread[i].Select(e => (RedisValue)e.RowKey)]).ConfigureAwait(false);

        var tuples = new Dictionary<ListEntry, CheckpointTuple>(ReferenceEqualityComparer.Instance);
        for (var g = 0; g < byThread.Count; g++)
        {
            var group = byThread[g].ToList();
            var sent = new Dictionary<(string, string, string), SerializedValue>();
            for (var i = 0; i < group.Count; i++)
            {
                if (ReadTuple(group[i].ThreadId, results[g][i], sent, cached[g]) is { } tuple)
                {
                    tuples[group[i]] = tuple;
                }
            }
        }

        return [.. entries.Where(tuples.ContainsKey).Select(e => tuples[e])];
    }

    // The index may still hold threads emptied since they were announced (expired, pruned, deleted by a process that
    // stopped half way): those are skipped, and retired.
    private async ValueTask<List<ThreadInfo>> ListThreadsAsync(bool async, ThreadListOptions options)
    {
        var found = new List<ThreadInfo>();
        var limit = options.Limit ?? int.MaxValue;
        var pages = await ThreadPages.OpenAsync(this, async, options.After).ConfigureAwait(false);
        while (found.Count < limit && !pages.Done)
        {
            var (page, generations) = await pages.NextAsync(async, PageOf(limit - found.Count)).ConfigureAwait(false);
            var empty = await AddNewestAsync(async, page, found, limit).ConfigureAwait(false);
            if (generations is not null)
            {
                await RetireAsync(async, [.. empty.Select(i => (Member(page[i]), generations[i]))]).ConfigureAwait(false);
            }
        }

        return found;
    }

    // A few more than asked, so a page with some empty threads still fills in one round trip.
    private static int PageOf(long wanted) => (int)Math.Min(MaxPageSize, wanted + 8);

    // Adds the newest checkpoint id of each thread (up to the limit); returns the positions of threads that have none.
    private async ValueTask<List<int>> AddNewestAsync(bool async, List<string> page, List<ThreadInfo> found, int limit)
    {
        var newest = await _redis.EvalAllAsync(async, SaverScripts.Page, [.. page.Select(t => new[] { KeysOf(t)[ThreadKeys.ById] })], _ => ["-", "+", 1]).ConfigureAwait(false);
        var empty = new List<int>();
        for (var i = 0; i < page.Count && found.Count < limit; i++)
        {
            var members = (byte[][])newest[i]!;
            if (members.Length == 0)
            {
                empty.Add(i);
                continue;
            }

            var separator = OrdinalEncoding.IndexOfSeparator(members[0], 0);
            found.Add(new ThreadInfo(page[i], OrdinalEncoding.Decode(members[0].AsSpan(0, separator))));
        }

        return empty;
    }
}
