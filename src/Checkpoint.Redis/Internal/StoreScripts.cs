namespace Checkpoint.Redis.Internal;

/// <summary>
/// The Lua scripts of <see cref="RedisStore"/>. Each touches the four keys of one namespace (<see cref="StoreKeys"/>,
/// passed as <c>KEYS</c> in that order). Times are Unix milliseconds from the store's <see cref="TimeProvider"/>, passed
/// in by the caller: expiry is decided against that clock, never against the server's.
/// </summary>
internal static class StoreScripts
{
    private const string Prelude = """
        local function live(key, now)
          local expiry = redis.call('ZSCORE', KEYS[3], key)
          return (not expiry) or tonumber(expiry) > now, expiry
        end
        local function refresh(key, now, meta)
          local ttl = tonumber(string.match(meta, ',(%-?%d+)$'))
          if ttl and ttl >= 0 then redis.call('ZADD', KEYS[3], string.format('%.0f', now + ttl), key) end
        end

        """;

    /// <summary>
    /// Applies puts and deletes in order. ARGV: 6-tuples of (now, key, document JSON or empty to delete, ttl ms or -1,
    /// expiry or empty, embeddings or empty). An overwrite of a live item keeps its creation time.
    /// </summary>
    public const string Put = Prelude + """
        for i = 1, #ARGV, 6 do
          local now, key, value = ARGV[i], ARGV[i + 1], ARGV[i + 2]
          if value == '' then
            redis.call('HDEL', KEYS[1], key)
            redis.call('HDEL', KEYS[2], key)
            redis.call('ZREM', KEYS[3], key)
            redis.call('HDEL', KEYS[4], key)
          else
            local created = now
            local meta = redis.call('HGET', KEYS[2], key)
            if meta and live(key, tonumber(now)) then created = string.match(meta, '^([^,]*)') end
            redis.call('HSET', KEYS[1], key, value)
            redis.call('HSET', KEYS[2], key, created .. ',' .. now .. ',' .. ARGV[i + 3])
            if ARGV[i + 4] ~= '' then redis.call('ZADD', KEYS[3], ARGV[i + 4], key) else redis.call('ZREM', KEYS[3], key) end
            if ARGV[i + 5] ~= '' then redis.call('HSET', KEYS[4], key, ARGV[i + 5]) else redis.call('HDEL', KEYS[4], key) end
          end
        end
        return 1
        """;

    /// <summary>
    /// Reads items. ARGV: now, <c>1</c> to refresh TTLs, then keys. Returns per key <c>{document, meta}</c>, or false
    /// when absent or expired.
    /// </summary>
    public const string Get = Prelude + """
        local now = tonumber(ARGV[1])
        local out = {}
        for i = 3, #ARGV do
          local key = ARGV[i]
          local row = false
          local value = redis.call('HGET', KEYS[1], key)
          if value and live(key, now) then
            local meta = redis.call('HGET', KEYS[2], key)
            if ARGV[2] == '1' then refresh(key, now, meta) end
            row = {value, meta}
          end
          out[#out + 1] = row
        end
        return out
        """;

    /// <summary>
    /// Reads every live item of the namespace. ARGV: now, <c>1</c> to include embeddings. Returns
    /// <c>{key, document, meta, embeddings or false}</c> per item.
    /// </summary>
    public const string Scan = Prelude + """
        local now = tonumber(ARGV[1])
        local expired = {}
        for _, key in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', ARGV[1])) do expired[key] = true end
        local out = {}
        local all = redis.call('HGETALL', KEYS[1])
        for i = 1, #all, 2 do
          local key = all[i]
          if not expired[key] then
            local vectors = false
            if ARGV[2] == '1' then vectors = redis.call('HGET', KEYS[4], key) end
            out[#out + 1] = {key, all[i + 1], redis.call('HGET', KEYS[2], key), vectors}
          end
        end
        return out
        """;

    /// <summary>Restarts the TTL of the given live items. ARGV: now, then keys.</summary>
    public const string Touch = Prelude + """
        local now = tonumber(ARGV[1])
        for i = 2, #ARGV do
          local key = ARGV[i]
          local meta = redis.call('HGET', KEYS[2], key)
          if meta and live(key, now) then refresh(key, now, meta) end
        end
        return 1
        """;

    /// <summary>Returns 1 when the namespace has a live item. ARGV: now.</summary>
    public const string HasLive = """
        local total = redis.call('HLEN', KEYS[1])
        if total == 0 then return 0 end
        if total > redis.call('ZCOUNT', KEYS[3], '-inf', ARGV[1]) then return 1 end
        return 0
        """;

    /// <summary>Deletes the expired items. ARGV: now. Returns <c>{removed, items left}</c>.</summary>
    public const string Sweep = """
        local dead = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', ARGV[1])
        for i = 1, #dead, 500 do
          local last = math.min(i + 499, #dead)
          redis.call('HDEL', KEYS[1], unpack(dead, i, last))
          redis.call('HDEL', KEYS[2], unpack(dead, i, last))
          redis.call('HDEL', KEYS[4], unpack(dead, i, last))
        end
        redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', ARGV[1])
        return {#dead, redis.call('HLEN', KEYS[1])}
        """;

    /// <summary>A range of the registry in lex order. KEYS: the registry. ARGV: min and max bounds.</summary>
    public const string Namespaces = """
        return redis.call('ZRANGEBYLEX', KEYS[1], ARGV[1], ARGV[2])
        """;
}
