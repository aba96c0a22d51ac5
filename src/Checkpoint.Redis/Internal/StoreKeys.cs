using StackExchange.Redis;

namespace Checkpoint.Redis.Internal;

/// <summary>
/// The keys of a store. Every namespace has four keys sharing the namespace's hash tag (one cluster slot); a registry
/// sorted set lists the namespaces, so searches find them without scanning the keyspace.
/// </summary>
internal static class StoreKeys
{
    /// <summary>Hash: item key to document JSON.</summary>
    public const int Items = 0;

    /// <summary>Hash: item key to <c>created,updated,ttl</c> (Unix milliseconds; ttl -1 for none).</summary>
    public const int Meta = 1;

    /// <summary>Sorted set: item key scored by its expiry (Unix milliseconds); items without TTL are absent.</summary>
    public const int Expiry = 2;

    /// <summary>Hash: item key to its field embeddings.</summary>
    public const int Vectors = 3;

    private const string Marker = "ns";

    private static readonly string[] Suffixes = [":items", ":meta", ":expiry", ":vectors"];

    /// <summary>The registry key: a sorted set (scores 0) of encoded namespaces.</summary>
    public static RedisKey Registry(string prefix) => prefix + "namespaces";

    /// <summary>The key holding the store's schema version (named for the component, as the saver's is).</summary>
    public static RedisKey Schema(string prefix) => prefix + "store-schema";

    /// <summary>Returns the keys of a namespace.</summary>
    public static RedisKey[] For(string prefix, StoreNamespace ns)
    {
        var head = prefix + Marker + "{" + KeyTag.Encode(string.Join('\0', ns)) + "}";
        var keys = new RedisKey[Suffixes.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = head + Suffixes[i];
        }

        return keys;
    }

    /// <summary>
    /// Returns whether a namespace could hold items: reads are not validated, and a namespace that could never be
    /// written (no labels, an empty label, a label with <c>.</c> or NUL) must not alias one that was.
    /// </summary>
    public static bool CanExist(StoreNamespace ns) =>
        !ns.IsEmpty && ns.All(l => l.Length > 0 && !l.Contains('.', StringComparison.Ordinal) && !l.Contains('\0', StringComparison.Ordinal));

    /// <summary>Returns whether every label of a prefix could appear in a stored namespace.</summary>
    public static bool CanMatch(StoreNamespace prefix) => prefix.IsEmpty || CanExist(prefix);

    /// <summary>The registry member of a namespace: its labels joined, in ordinal encoding.</summary>
    public static byte[] Member(StoreNamespace ns) => OrdinalEncoding.Join([.. ns]);

    /// <summary>Reads a namespace back from its registry member.</summary>
    public static StoreNamespace FromMember(byte[] member)
    {
        var labels = new List<string>();
        var start = 0;
        while (true)
        {
            var separator = OrdinalEncoding.IndexOfSeparator(member, start);
            if (separator < 0)
            {
                labels.Add(OrdinalEncoding.Decode(member.AsSpan(start)));
                return new StoreNamespace(labels);
            }

            labels.Add(OrdinalEncoding.Decode(member.AsSpan(start, separator - start)));
            start = separator + OrdinalEncoding.SeparatorLength;
        }
    }

    /// <summary>The registry range of the namespaces starting with <paramref name="labels"/> (everything when empty), as ZRANGEBYLEX bounds.</summary>
    public static (RedisValue Min, RedisValue Max) Range(IReadOnlyList<string> labels)
    {
        if (labels.Count == 0)
        {
            return ("-", "+");
        }

        var encoded = OrdinalEncoding.Join([.. labels]);
        return ((byte[])[(byte)'[', .. encoded], (byte[])[(byte)'(', .. OrdinalEncoding.AfterPrefix(encoded)]);
    }
}
