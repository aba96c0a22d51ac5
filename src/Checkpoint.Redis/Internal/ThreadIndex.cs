using StackExchange.Redis;

namespace Checkpoint.Redis.Internal;

/// <summary>
/// The per-prefix thread index: a sorted set (all scores 0) of the ordinal encodings of thread ids, so a lex range is a
/// page of <c>ListThreads</c> in code point order, and a hash of each member's announce count (its generation). Both
/// keys share one hash tag, so each script below is atomic on a cluster too.
/// </summary>
/// <remarks>
/// The index is a superset of the threads that have checkpoints: a put that may create a thread announces it (before
/// the put, and again after a put that did create it), and an entry is retired only when its thread was seen empty and
/// no announce happened since its generation was read. Readers skip entries whose thread turns out empty, and retire
/// them.
/// </remarks>
internal static class ThreadIndex
{
    /// <summary>The sorted set key.</summary>
    public const int Members = 0;

    /// <summary>The generation hash key.</summary>
    public const int Generations = 1;

    /// <summary>
    /// Adds members and raises their generations. KEYS: index, generations. ARGV: members. Returns how many.
    /// </summary>
    public const string Announce = """
        for i = 1, #ARGV do
          redis.call('ZADD', KEYS[1], 0, ARGV[i])
          redis.call('HINCRBY', KEYS[2], ARGV[i], 1)
        end
        return #ARGV
        """;

    /// <summary>
    /// Removes members whose generation is still the one read before their thread was seen empty. KEYS: index,
    /// generations. ARGV: member, generation pairs. Returns how many were removed.
    /// </summary>
    public const string Retire = """
        local n = 0
        for i = 1, #ARGV, 2 do
          if redis.call('HGET', KEYS[2], ARGV[i]) == ARGV[i + 1] then
            redis.call('ZREM', KEYS[1], ARGV[i])
            redis.call('HDEL', KEYS[2], ARGV[i])
            n = n + 1
          end
        end
        return n
        """;

    /// <summary>
    /// One page of members in code point order with their generations. KEYS: index, generations. ARGV: the lex start
    /// (<c>-</c> or <c>(</c> + member), count. Returns <c>{members, generations}</c>.
    /// </summary>
    public const string Range = """
        local members = redis.call('ZRANGEBYLEX', KEYS[1], ARGV[1], '+', 'LIMIT', 0, tonumber(ARGV[2]))
        if #members == 0 then return {{}, {}} end
        return {members, redis.call('HMGET', KEYS[2], unpack(members))}
        """;

    /// <summary>
    /// Deletes every key of a thread and retires its entry, atomically. Only on a single node: the index keys carry
    /// another hash tag than the thread's. KEYS: the thread's keys (<see cref="ThreadKeys"/>), then index, generations.
    /// ARGV: the member. Returns how many thread keys were deleted.
    /// </summary>
    public const string DeleteThread = """
        local n = #KEYS
        redis.call('ZREM', KEYS[n - 1], ARGV[1])
        redis.call('HDEL', KEYS[n], ARGV[1])
        return redis.call('UNLINK', unpack(KEYS, 1, n - 2))
        """;

    /// <summary>The schema version from which every thread written before is in the index.</summary>
    public const int SchemaVersion = 2;

    /// <summary>Returns the index keys of a prefix; the tag is derived from the prefix, so it is never empty.</summary>
    public static RedisKey[] Keys(string prefix)
    {
        var head = prefix + "checkpoint-threads{t" + KeyTag.Encode(prefix) + "}";
        return [head, head + ":generations"];
    }

    /// <summary>The lex start of the members after a thread id (or of all, for <see langword="null"/>).</summary>
    public static RedisValue After(string? threadId) =>
        threadId is null ? (RedisValue)"-" : (RedisValue)(byte[])[(byte)'(', .. OrdinalEncoding.Encode(threadId)];
}
