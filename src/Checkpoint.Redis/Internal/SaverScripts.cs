namespace Checkpoint.Redis.Internal;

/// <summary>
/// The Lua scripts of <see cref="RedisSaver"/>. Each touches only the keys of one thread (<see cref="ThreadKeys"/>,
/// passed as <c>KEYS</c> in that order), so it runs atomically in the thread's cluster slot.
/// </summary>
/// <remarks>
/// Composite values use <see cref="OrdinalEncoding"/>: a row key is <c>ns ␀␀ id</c>, a blob field
/// <c>ns ␀␀ channel ␀␀ version</c>, a write field <c>ns ␀␀ id ␀␀ task ␀␀ index</c>. Checkpoint rows live in one hash
/// under one-letter kinds: <c>c</c> checkpoint JSON, <c>m</c> metadata JSON, <c>p</c> parent, <c>r</c> the blob fields
/// the checkpoint refers to (MessagePack), <c>t</c> timestamp, <c>u</c> run-index member.
/// </remarks>
internal static class SaverScripts
{
    /// <summary>Helpers shared by the scripts.</summary>
    private const string Prelude = """
        local function hmget(key, fields)
          local out = {}
          for i = 1, #fields, 500 do
            local got = redis.call('HMGET', key, unpack(fields, i, math.min(i + 499, #fields)))
            for j = 1, #got do out[#out + 1] = got[j] end
          end
          return out
        end
        local function hdel(key, fields)
          for i = 1, #fields, 500 do redis.call('HDEL', key, unpack(fields, i, math.min(i + 499, #fields))) end
        end
        local function after(prefix)
          return '(' .. string.sub(prefix, 1, -2) .. '\1'
        end
        local function expire_all(ttl)
          if ttl > 0 then for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], ttl) end end
        end
        local function split(key)
          for i = 1, #key - 1, 2 do
            if string.byte(key, i) == 0 and string.byte(key, i + 1) == 0 then
              return string.sub(key, 1, i - 1), string.sub(key, i + 2)
            end
          end
          return key, ''
        end
        local function by_id(key)
          local ns, id = split(key)
          local inverted = string.gsub(ns, '.', function(c) return string.char(255 - string.byte(c)) end)
          return id .. '\0\0' .. inverted .. '\255\255'
        end
        local function remove(keys)
          for _, key in ipairs(keys) do
            local run = redis.call('HGET', KEYS[3], 'u' .. key)
            if run then redis.call('ZREM', KEYS[7], run) end
            redis.call('HDEL', KEYS[3], 'c' .. key, 'm' .. key, 'p' .. key, 'r' .. key, 't' .. key, 'u' .. key)
            redis.call('ZREM', KEYS[2], key)
            redis.call('ZREM', KEYS[1], by_id(key))
            local wp = key .. '\0\0'
            local fields = redis.call('ZRANGEBYLEX', KEYS[6], '[' .. wp, after(wp))
            if #fields > 0 then
              hdel(KEYS[5], fields)
              redis.call('ZREMRANGEBYLEX', KEYS[6], '[' .. wp, after(wp))
            end
          end
          if #keys == 0 then return 0 end
          local live = {}
          for _, key in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
            local refs = redis.call('HGET', KEYS[3], 'r' .. key)
            if refs then for _, field in ipairs(cmsgpack.unpack(refs)) do live[field] = true end end
          end
          local dead = {}
          for _, field in ipairs(redis.call('HKEYS', KEYS[4])) do
            if not live[field] then dead[#dead + 1] = field end
          end
          if #dead > 0 then hdel(KEYS[4], dead) end
          return #keys
        end

        """;

    /// <summary>
    /// Stores a checkpoint with its blobs. ARGV: ttl ms, row key, checkpoint JSON, metadata JSON, parent (<c>p</c> +
    /// id, or empty), run member (or empty), timestamp, n, k, n blob fields referred to, then blob field/value pairs to
    /// write. The first k fields referred to are blobs the client believes are stored already (unchanged chunks), sent
    /// once, as references only: when one is missing, nothing is written and the script returns 0, and the client
    /// sends the put again with every value. Returns 2 when the put gave the thread its first checkpoint, else 1.
    /// </summary>
    public const string Put = Prelude + """
        local created = redis.call('EXISTS', KEYS[1]) == 0
        local key = ARGV[2]
        local n = tonumber(ARGV[8])
        local refs = {}
        for i = 1, n do refs[i] = ARGV[9 + i] end
        for i = 1, tonumber(ARGV[9]) do
          if redis.call('HEXISTS', KEYS[4], refs[i]) == 0 then return 0 end
        end
        for i = 10 + n, #ARGV, 2 do
          redis.call('HSETNX', KEYS[4], ARGV[i], ARGV[i + 1])
        end
        if redis.call('HEXISTS', KEYS[3], 'c' .. key) == 1 then
          local old = redis.call('HGET', KEYS[3], 'u' .. key)
          if old then
            redis.call('ZREM', KEYS[7], old)
            redis.call('HDEL', KEYS[3], 'u' .. key)
          end
        elseif ARGV[5] ~= '' then
          redis.call('HSET', KEYS[3], 'p' .. key, ARGV[5])
        end
        redis.call('HSET', KEYS[3], 'c' .. key, ARGV[3], 'm' .. key, ARGV[4], 't' .. key, ARGV[7], 'r' .. key, cmsgpack.pack(refs))
        if ARGV[6] ~= '' then
          redis.call('ZADD', KEYS[7], 0, ARGV[6])
          redis.call('HSET', KEYS[3], 'u' .. key, ARGV[6])
        end
        redis.call('ZADD', KEYS[2], 0, key)
        redis.call('ZADD', KEYS[1], 0, by_id(key))
        expire_all(tonumber(ARGV[1]))
        if created then return 2 end
        return 1
        """;

    /// <summary>Stores pending writes. ARGV: ttl ms, then (field, record, <c>1</c> to upsert or <c>0</c> to insert if absent) triples.</summary>
    public const string PutWrites = Prelude + """
        for i = 2, #ARGV, 3 do
          if ARGV[i + 2] == '1' then
            redis.call('HSET', KEYS[5], ARGV[i], ARGV[i + 1])
          else
            redis.call('HSETNX', KEYS[5], ARGV[i], ARGV[i + 1])
          end
          redis.call('ZADD', KEYS[6], 0, ARGV[i])
        end
        expire_all(tonumber(ARGV[1]))
        return 1
        """;

    /// <summary>
    /// Reads whole checkpoints (row, referred blobs, pending writes) in one atomic step. ARGV: ttl ms to refresh (0
    /// for none), <c>latest</c> or <c>keys</c>, the number of blobs the client holds followed by their field suffixes
    /// (<c>channel ␀␀ version</c>, chunks the saver has cached), then a namespace prefix (latest) or row keys. Returns
    /// one entry per checkpoint: <c>{key, checkpoint, metadata, parent, blob fields, blob values, writes}</c>, or false
    /// when absent. A blob the client holds, or that an earlier checkpoint of the same reply already carries, is
    /// returned as the integer 1, not again: the checkpoints of a list share most of their blobs (a long history's
    /// chunks), and sending each once keeps the reply the size of what differs.
    /// </summary>
    public const string Fetch = Prelude + """
        local seen = {}
        local held = {}
        local first = 4 + tonumber(ARGV[3])
        for i = 4, first - 1 do held[ARGV[i]] = true end
        local function blobs(refs)
          local missing = {}
          for _, r in ipairs(refs) do
            if not seen[r] then
              local _, rest = split(r)
              if held[rest] then seen[r] = true else missing[#missing + 1] = r end
            end
          end
          local got = hmget(KEYS[4], missing)
          local out, j = {}, 0
          for i, r in ipairs(refs) do
            if seen[r] then
              out[i] = 1
            else
              j = j + 1
              out[i] = got[j]
              seen[r] = true
            end
          end
          return out
        end
        local function load(key)
          local f = redis.call('HMGET', KEYS[3], 'c' .. key, 'm' .. key, 'p' .. key, 'r' .. key)
          if not f[1] then return false end
          local refs = cmsgpack.unpack(f[4])
          local wp = key .. '\0\0'
          local fields = redis.call('ZRANGEBYLEX', KEYS[6], '[' .. wp, after(wp))
          return {key, f[1], f[2], f[3], refs, blobs(refs), hmget(KEYS[5], fields)}
        end
        local out = {}
        if ARGV[2] == 'latest' then
          local found = redis.call('ZREVRANGEBYLEX', KEYS[2], after(ARGV[first]), '[' .. ARGV[first], 'LIMIT', 0, 1)
          if #found > 0 then out[1] = load(found[1]) end
        else
          for i = first, #ARGV do out[#out + 1] = load(ARGV[i]) end
        end
        if #out > 0 then expire_all(tonumber(ARGV[1])) end
        return out
        """;

    /// <summary>
    /// Walks the parent chain of a checkpoint for delta-channel history, in one atomic step. ARGV: ttl ms to refresh,
    /// <c>latest</c> and a namespace prefix or <c>keys</c> and a row key, the encoded empty-value marker, then one
    /// blob-field prefix (<c>ns ␀␀ channel ␀␀</c>) per channel. Visits ancestors from the parent on, until every channel
    /// has an ancestor storing a value for it; returns per ancestor <c>{row key, writes, {channel index, value, ...}}</c>.
    /// </summary>
    public const string History = Prelude + """
        local key = false
        if ARGV[2] == 'latest' then
          local found = redis.call('ZREVRANGEBYLEX', KEYS[2], after(ARGV[3]), '[' .. ARGV[3], 'LIMIT', 0, 1)
          if #found > 0 then key = found[1] end
        elseif redis.call('HEXISTS', KEYS[3], 'c' .. ARGV[3]) == 1 then
          key = ARGV[3]
        end
        local out = {}
        if not key then return out end
        local ns = split(key)
        local open = #ARGV - 4
        local seeded = {}
        local parent = redis.call('HGET', KEYS[3], 'p' .. key)
        while parent and open > 0 do
          local row = ns .. '\0\0' .. string.sub(parent, 2)
          local packed = redis.call('HGET', KEYS[3], 'r' .. row)
          if not packed then break end
          local refs = cmsgpack.unpack(packed)
          local wp = row .. '\0\0'
          local writes = hmget(KEYS[5], redis.call('ZRANGEBYLEX', KEYS[6], '[' .. wp, after(wp)))
          local seeds = {}
          for i = 1, #ARGV - 4 do
            if not seeded[i] then
              local prefix = ARGV[4 + i]
              for _, field in ipairs(refs) do
                if string.sub(field, 1, #prefix) == prefix then
                  local value = redis.call('HGET', KEYS[4], field)
                  if value and value ~= ARGV[3] then
                    seeds[#seeds + 1] = i
                    seeds[#seeds + 1] = value
                    seeds[#seeds + 1] = field
                    seeded[i] = true
                    open = open - 1
                  end
                  break
                end
              end
            end
          end
          out[#out + 1] = {row, writes, seeds}
          parent = redis.call('HGET', KEYS[3], 'p' .. row)
        end
        expire_all(tonumber(ARGV[1]))
        return out
        """;

    /// <summary>Removes the checkpoints with the given row keys (ARGV), their writes and the blobs nothing refers to any more.</summary>
    public const string Remove = Prelude + """
        return remove(ARGV)
        """;

    /// <summary>Keeps the newest ARGV[1] checkpoints of every namespace and removes the rest, as <see cref="Remove"/> does.</summary>
    public const string KeepLast = Prelude + """
        local n = tonumber(ARGV[1])
        local members = redis.call('ZRANGE', KEYS[2], 0, -1)
        local doomed = {}
        local current, kept = nil, 0
        for i = #members, 1, -1 do
          local ns = split(members[i])
          if ns ~= current then
            current = ns
            kept = 0
          end
          kept = kept + 1
          if kept > n then doomed[#doomed + 1] = members[i] end
        end
        return remove(doomed)
        """;

    /// <summary>Removes the checkpoints whose run is one of ARGV (encoded run ids), as <see cref="Remove"/> does.</summary>
    public const string RemoveRuns = Prelude + """
        local doomed = {}
        for _, run in ipairs(ARGV) do
          local p = run .. '\0\0'
          for _, member in ipairs(redis.call('ZRANGEBYLEX', KEYS[7], '[' .. p, after(p))) do
            doomed[#doomed + 1] = string.sub(member, #p + 1)
          end
        end
        return remove(doomed)
        """;

    /// <summary>Returns <c>{row keys, timestamps}</c> of every checkpoint of the thread, for age-based pruning.</summary>
    public const string Timestamps = Prelude + """
        local members = redis.call('ZRANGE', KEYS[2], 0, -1)
        local fields = {}
        for i, member in ipairs(members) do fields[i] = 't' .. member end
        return {members, hmget(KEYS[3], fields)}
        """;

    /// <summary>One page of a sorted set in reverse lex order. KEYS: the set. ARGV: min bound, max bound, count.</summary>
    public const string Page = """
        return redis.call('ZREVRANGEBYLEX', KEYS[1], ARGV[2], ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
        """;

    /// <summary>Deletes every key of the thread.</summary>
    public const string DeleteThread = """
        return redis.call('UNLINK', unpack(KEYS))
        """;

    /// <summary>Serializes every key of the thread (DUMP), false for the missing ones.</summary>
    public const string Dump = """
        local out = {}
        for i = 1, #KEYS do out[i] = redis.call('DUMP', KEYS[i]) end
        return out
        """;

    /// <summary>
    /// Replaces the thread's keys with dumped ones. ARGV: ttl ms (0 for none), then one payload per key (empty when
    /// the source key was missing). Returns -1, changing nothing, when the thread already has checkpoints; 0 when the
    /// source had none; 1 when copied.
    /// </summary>
    public const string Restore = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
        if ARGV[2] == '' then return 0 end
        for i = 1, #KEYS do
          redis.call('UNLINK', KEYS[i])
          if ARGV[i + 1] ~= '' then redis.call('RESTORE', KEYS[i], ARGV[1], ARGV[i + 1]) end
        end
        return 1
        """;
}
