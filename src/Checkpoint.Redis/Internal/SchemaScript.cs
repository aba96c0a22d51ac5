namespace Checkpoint.Redis.Internal;

/// <summary>The schema-version check of <c>Setup()</c>: one key, compared and raised atomically, so concurrent setups agree.</summary>
internal static class SchemaScript
{
    /// <summary>
    /// KEYS: the version key. ARGV: the version this code writes. Raises the recorded version to it and returns 0, or
    /// returns the newer version found, changing nothing.
    /// </summary>
    public const string Text = """
        local found = tonumber(redis.call('GET', KEYS[1]) or '0')
        local mine = tonumber(ARGV[1])
        if found > mine then return found end
        if found < mine then redis.call('SET', KEYS[1], ARGV[1]) end
        return 0
        """;
}
