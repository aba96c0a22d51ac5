namespace Checkpoint.Redis.Internal;

/// <summary>The scripts of raw item reads and writes; like <see cref="StoreScripts"/>, each touches the four keys of one namespace.</summary>
internal static class RawItemScripts
{
    /// <summary>
    /// Reads every live item of the namespace with all it stores. ARGV: now. Returns
    /// <c>{key, document, meta, embeddings or false, expiry or false}</c> per item.
    /// </summary>
    public const string Scan = """
        local out = {}
        local all = redis.call('HGETALL', KEYS[1])
        for i = 1, #all, 2 do
          local key = all[i]
          local expiry = redis.call('ZSCORE', KEYS[3], key)
          if (not expiry) or tonumber(expiry) > tonumber(ARGV[1]) then
            out[#out + 1] = {key, all[i + 1], redis.call('HGET', KEYS[2], key), redis.call('HGET', KEYS[4], key), expiry or false}
          end
        end
        return out
        """;

    /// <summary>
    /// Writes items exactly. ARGV: 6-tuples of (key, document JSON, created ms, updated ms, ttl ms or -1, expiry ms or
    /// empty), then, per item in the same order, its embeddings or empty (after all tuples).
    /// </summary>
    public const string Put = """
        local count = #ARGV / 7
        for i = 1, count do
          local base = (i - 1) * 6
          local key = ARGV[base + 1]
          redis.call('HSET', KEYS[1], key, ARGV[base + 2])
          redis.call('HSET', KEYS[2], key, ARGV[base + 3] .. ',' .. ARGV[base + 4] .. ',' .. ARGV[base + 5])
          if ARGV[base + 6] ~= '' then redis.call('ZADD', KEYS[3], ARGV[base + 6], key) else redis.call('ZREM', KEYS[3], key) end
          local vectors = ARGV[count * 6 + i]
          if vectors ~= '' then redis.call('HSET', KEYS[4], key, vectors) else redis.call('HDEL', KEYS[4], key) end
        end
        return count
        """;
}
