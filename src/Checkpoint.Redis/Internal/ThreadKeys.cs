using StackExchange.Redis;

namespace Checkpoint.Redis.Internal;

/// <summary>
/// The keys of one thread. All share the hash tag of the thread, so they live in one cluster slot and one Lua script
/// can touch them atomically. The order is the order of <c>KEYS</c> in <see cref="SaverScripts"/>.
/// </summary>
internal static class ThreadKeys
{
    /// <summary>Sorted set (all scores 0) of <c>id ␀ inverted(ns)</c>: reverse lex order is id descending, then namespace ascending.</summary>
    public const int ById = 0;

    /// <summary>Sorted set of <c>ns ␀ id</c>: the checkpoints of each namespace in id order.</summary>
    public const int ByNamespace = 1;

    /// <summary>Hash of checkpoint rows: <c>c</c>/<c>m</c>/<c>p</c>/<c>r</c>/<c>t</c>/<c>u</c> + <c>ns ␀ id</c>.</summary>
    public const int Checkpoints = 2;

    /// <summary>Hash of channel values: <c>ns ␀ channel ␀ version</c> to value.</summary>
    public const int Blobs = 3;

    /// <summary>Hash of pending writes: <c>ns ␀ id ␀ task ␀ index</c> to write.</summary>
    public const int Writes = 4;

    /// <summary>Sorted set of the fields of <see cref="Writes"/>, for range reads by checkpoint.</summary>
    public const int WriteIndex = 5;

    /// <summary>Sorted set of <c>run ␀ ns ␀ id</c>: the checkpoints of each run, for delete-for-runs.</summary>
    public const int Runs = 6;

    /// <summary>The suffix of the <see cref="ById"/> key; SCAN finds threads that have checkpoints by it.</summary>
    public const string ByIdSuffix = ":ids";

    /// <summary>The suffix of the <see cref="Runs"/> key; SCAN finds threads that have runs by it.</summary>
    public const string RunsSuffix = ":runs";

    /// <summary>The marker between the prefix and the tag of thread keys.</summary>
    public const string Marker = "thread";

    private static readonly string[] Suffixes = [ByIdSuffix, ":ns", ":cp", ":blobs", ":writes", ":windex", RunsSuffix];

    /// <summary>Returns the keys of a thread.</summary>
    public static RedisKey[] For(string prefix, string threadId) => ForTag(prefix, KeyTag.Encode(threadId));

    /// <summary>Returns the keys of the thread with the given tag.</summary>
    public static RedisKey[] ForTag(string prefix, string tag)
    {
        var head = prefix + Marker + "{" + tag + "}";
        var keys = new RedisKey[Suffixes.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = head + Suffixes[i];
        }

        return keys;
    }

    /// <summary>The SCAN pattern of one kind of thread key.</summary>
    public static string Pattern(string prefix, string suffix) => KeyPrefixRules.EscapeGlob(prefix + Marker) + "{*}" + suffix;

    /// <summary>Reads the thread id back from a key found by <see cref="Pattern"/>, or <see langword="null"/> for a foreign key.</summary>
    public static string? ThreadIdOf(string prefix, string key)
    {
        var tag = KeyPrefixRules.TagOf(key, prefix.Length + Marker.Length);
        if (tag is null)
        {
            return null;
        }

        try
        {
            return KeyTag.Decode(tag);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return null;
        }
    }
}
