using Checkpoint.Providers;
using Checkpoint.Redis.Internal;
using StackExchange.Redis;

namespace Checkpoint.Redis;

/// <content>One walk over the threads after a cursor, shared by list-threads and list without a thread.</content>
public sealed partial class RedisSaver
{
    /// <summary>
    /// The threads after a cursor in code point order, a page at a time: from the thread index once it is complete
    /// (with each member's generation, so a reader that finds a thread empty can retire it), else from one SCAN of every
    /// primary taken when the walk opens (no generations: there is no index to retire from).
    /// </summary>
    private sealed class ThreadPages
    {
        private readonly RedisSaver _saver;
        private readonly List<string>? _scanned;
        private string? _after;
        private int _next;

        private ThreadPages(RedisSaver saver, List<string>? scanned, string? after)
        {
            _saver = saver;
            _scanned = scanned;
            _after = after;
            if (scanned is not null && after is not null)
            {
                var at = scanned.BinarySearch(after, CodePointComparer.Instance);
                _next = at >= 0 ? at + 1 : ~at;
            }
        }

        /// <summary>Gets whether the last page came back short, so there is nothing after it.</summary>
        public bool Done { get; private set; }

        public static async ValueTask<ThreadPages> OpenAsync(RedisSaver saver, bool async, string? after)
        {
            if (await saver.IndexIsCompleteAsync(async).ConfigureAwait(false))
            {
                return new ThreadPages(saver, null, after);
            }

            var scanned = await saver.ScanThreadsAsync(async, ThreadKeys.ByIdSuffix).ConfigureAwait(false);
            scanned.Sort(CodePointComparer.Instance);
            return new ThreadPages(saver, scanned, after);
        }

        public async ValueTask<(List<string> Threads, RedisValue[]? Generations)> NextAsync(bool async, int count)
        {
            List<string> page;
            RedisValue[]? generations = null;
            if (_scanned is null)
            {
                var (members, read) = await _saver.IndexRangeAsync(async, _after, count).ConfigureAwait(false);
                page = [.. members.Select(m => OrdinalEncoding.Decode(m))];
                generations = read;
            }
            else
            {
                page = _scanned.GetRange(_next, Math.Min(count, _scanned.Count - _next));
                _next += page.Count;
            }

            Done = page.Count < count;
            if (page.Count > 0)
            {
                _after = page[^1];
            }

            return (page, generations);
        }
    }
}
