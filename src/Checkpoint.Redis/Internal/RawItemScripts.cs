namespace Checkpoint.Redis.Internal;

/// <summary>The scripts of raw item reads and writes; like <see cref="StoreScripts"/>, each touches the four keys of one namespace.</summary>
internal static class RawItemScripts
{
    // Returns {key, document, meta, embeddings or false, expiry or false} for a live item, false for an absent or expired one.
    private const string Prelude = """
        local function row(key, now)
          local expiry = redis.call('ZSCORE', KEYS[3], key)
          if expiry and tonumber(expiry) <= now then return false end
          local document = redis.call('HGET', KEYS[1], key)
          if not document then return false end
          return {key, document, redis.call('HGET', KEYS[2], key), redis.call('HGET', KEYS[4], key), expiry or false}
        end

        """;

    /// <summary>
    /// Starts reading a namespace. ARGV: now, most. When the namespace holds at most <c>most</c> items, returns
    /// <c>{1, rows}</c> with a row (see <see cref="Read"/>) per live item; otherwise <c>{0, keys}</c> with every key, so
    /// the caller sorts them once and reads the namespace a slice at a time with <see cref="Read"/>. (Keys are not
    /// sorted here: Lua compares strings with the server's locale, not byte by byte.)
    /// </summary>
    public const string Open = Prelude + """
        local now = tonumber(ARGV[1])
        local keys = redis.call('HKEYS', KEYS[1])
        if #keys > tonumber(ARGV[2]) then return {0, keys} end
        local rows = {}
        for _, key in ipairs(keys) do
          local found = row(key, now)
          if found then rows[#rows + 1] = found end
        end
        return {1, rows}
        """;

    /// <summary>
    /// Reads items. ARGV: now, then keys. Returns per key <c>{key, document, meta, embeddings or false, expiry or false}</c>,
    /// or false when the item is absent or expired.
    /// </summary>
    public const string Read = Prelude + """
        local now = tonumber(ARGV[1])
        local out = {}
        for i = 2, #ARGV do out[#out + 1] = row(ARGV[i], now) end
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
