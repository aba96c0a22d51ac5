using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Checkpoint.Providers;

namespace Checkpoint.Cli.Transfer;

/// <summary>
/// A checksum of one store item as every backend can hold it: namespace, key, canonical document, times (milliseconds),
/// expiry, time to live and embeddings.
/// </summary>
internal static class ItemHash
{
    /// <summary>Returns the item's identity: its namespace path and key.</summary>
    /// <param name="item">The item.</param>
    /// <returns>The identity.</returns>
    public static (string Path, string Key) KeyOf(RawItem item) => (item.Namespace.Path, item.Key);

    /// <summary>Hashes an item.</summary>
    /// <param name="item">The item.</param>
    /// <returns>The hash, as lowercase hex.</returns>
    public static string Of(RawItem item)
    {
        var text = new StringBuilder();
        text.Append(item.Namespace.Path).Append('\u0000').Append(item.Key).Append('\u0000');
        CanonicalJson.Append(text, item.Value);
        text.Append('\u0000').Append(Milliseconds(item.CreatedAt)).Append('\u0000').Append(Milliseconds(item.UpdatedAt))
            .Append('\u0000').Append(item.ExpiresAt is { } expires ? Milliseconds(expires) : "-")
            .Append('\u0000').Append(item.Ttl is { } ttl ? ((long)ttl.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) : "-");
        foreach (var embedding in item.Embeddings.OrderBy(e => e.Field, StringComparer.Ordinal))
        {
            text.Append('\u0000').Append(embedding.Field).Append('=').Append(Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(embedding.Vector.AsSpan()))));
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Returns a checksum of a whole store from its items' hashes, whatever order they were read in.</summary>
    /// <param name="hashes">The item hashes by identity.</param>
    /// <returns>The checksum, as lowercase hex.</returns>
    public static string OfStore(IReadOnlyDictionary<(string Path, string Key), string> hashes)
    {
        var text = new StringBuilder();
        foreach (var ((path, key), hash) in hashes.OrderBy(p => p.Key.Path, StringComparer.Ordinal).ThenBy(p => p.Key.Key, StringComparer.Ordinal))
        {
            text.Append(path).Append('\u0000').Append(key).Append('\u0000').Append(hash).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Milliseconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
}
