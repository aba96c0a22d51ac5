using System.Text;

namespace Checkpoint.Redis.Internal;

/// <summary>Validation and SCAN patterns for the key prefixes of savers and stores.</summary>
internal static class KeyPrefixRules
{
    /// <summary>Throws unless <paramref name="prefix"/> can start every key: braces would hijack the cluster hash tag.</summary>
    public static string Validate(string? prefix, string parameter)
    {
        ArgumentNullException.ThrowIfNull(prefix, parameter);
        if (prefix.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            throw new ArgumentException($"The key prefix '{prefix}' contains '{{' or '}}', which would change the Redis Cluster hash tag of every key.", parameter);
        }

        if (prefix.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("The key prefix contains a NUL character.", parameter);
        }

        return prefix;
    }

    /// <summary>Escapes the glob characters of a prefix for a SCAN <c>MATCH</c> pattern.</summary>
    public static string EscapeGlob(string prefix)
    {
        var pattern = new StringBuilder(prefix.Length + 8);
        foreach (var c in prefix)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
            {
                pattern.Append('\\');
            }

            pattern.Append(c);
        }

        return pattern.ToString();
    }

    /// <summary>Extracts the hash tag content from a key built as <c>prefix + marker + "{" + tag + "}" + suffix</c>.</summary>
    public static string? TagOf(string key, int prefixLength)
    {
        var open = key.IndexOf('{', prefixLength);
        var close = open < 0 ? -1 : key.IndexOf('}', open + 1);
        return close < 0 ? null : key[(open + 1)..close];
    }
}
