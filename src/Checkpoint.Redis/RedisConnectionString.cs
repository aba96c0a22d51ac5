using System.Globalization;
using StackExchange.Redis;

namespace Checkpoint.Redis;

/// <summary>
/// Reads the connection strings Redis users paste: URIs (<c>redis://user:pw@host:6379/2</c>, and <c>rediss://</c> for
/// TLS, as LangGraph and most hosting providers give them) as well as StackExchange.Redis configuration strings
/// (<c>host:6379,password=...</c>).
/// </summary>
/// <remarks>
/// A URI gives one endpoint, an optional user and password (percent-encoded), and the database number as its path.
/// Supported query parameters: <c>db</c>, <c>ssl</c>, <c>sslHost</c>, <c>abortConnect</c>, <c>connectTimeout</c>,
/// <c>syncTimeout</c>, <c>asyncTimeout</c> (milliseconds), <c>clientName</c>, <c>protocol</c> (<c>resp2</c>,
/// <c>resp3</c>). Errors name the part that is wrong and never repeat the password or the whole string.
/// </remarks>
public static class RedisConnectionString
{
    /// <summary>Returns StackExchange.Redis options for a URI or a configuration string.</summary>
    /// <param name="connectionString">A <c>redis://</c> or <c>rediss://</c> URI, or a StackExchange.Redis configuration string.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentException">The string is empty or a part of it is invalid; the message names the part, never the password.</exception>
    public static ConfigurationOptions Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var trimmed = connectionString.Trim();
        return IsUri(trimmed) ? FromUri(trimmed) : ConfigurationOptions.Parse(trimmed);
    }

    /// <summary>Returns whether <paramref name="connectionString"/> is a <c>redis://</c> or <c>rediss://</c> URI.</summary>
    /// <param name="connectionString">The string.</param>
    /// <returns><see langword="true"/> for a URI.</returns>
    public static bool IsUri(string connectionString) =>
        connectionString.StartsWith("redis://", StringComparison.OrdinalIgnoreCase)
        || connectionString.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase);

    private static ConfigurationOptions FromUri(string uri)
    {
        var options = new ConfigurationOptions { Ssl = uri.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase) };
        var rest = uri[(uri.IndexOf("://", StringComparison.Ordinal) + 3)..];

        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        var query = queryStart < 0 ? string.Empty : rest[(queryStart + 1)..];
        rest = queryStart < 0 ? rest : rest[..queryStart];

        var pathStart = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = pathStart < 0 ? rest : rest[..pathStart];
        var path = pathStart < 0 ? string.Empty : rest[(pathStart + 1)..].TrimEnd('/');
        if (path.Length > 0)
        {
            options.DefaultDatabase = Database(path, "path");
        }

        // The password may itself contain '@': the host starts after the last one.
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            var user = Uri.UnescapeDataString(colon < 0 ? string.Empty : userInfo[..colon]);
            var password = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[(colon + 1)..]);
            options.User = user.Length == 0 ? null : user;
            options.Password = password.Length == 0 ? null : password;
            authority = authority[(at + 1)..];
        }

        if (authority.Length == 0)
        {
            throw new ArgumentException("The Redis URI has no host.", "connectionString");
        }

        var (host, port) = Endpoint(authority);
        options.EndPoints.Add(host, port);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            Apply(options, name, value);
        }

        return options;
    }

    private static void Apply(ConfigurationOptions options, string name, string value)
    {
        switch (name.ToLowerInvariant())
        {
            case "db":
                options.DefaultDatabase = Database(value, "query parameter 'db'");
                break;
            case "ssl":
                options.Ssl = Boolean(name, value);
                break;
            case "sslhost":
                options.SslHost = value;
                break;
            case "abortconnect":
                options.AbortOnConnectFail = Boolean(name, value);
                break;
            case "connecttimeout":
                options.ConnectTimeout = Milliseconds(name, value);
                break;
            case "synctimeout":
                options.SyncTimeout = Milliseconds(name, value);
                break;
            case "asynctimeout":
                options.AsyncTimeout = Milliseconds(name, value);
                break;
            case "clientname":
                options.ClientName = value;
                break;
            case "protocol":
                options.Protocol = value.ToLowerInvariant() switch
                {
                    "resp2" or "2" => RedisProtocol.Resp2,
                    "resp3" or "3" => RedisProtocol.Resp3,
                    _ => throw new ArgumentException($"The Redis URI has an invalid query parameter 'protocol' = '{value}': expected resp2 or resp3.", "connectionString"),
                };
                break;
            default:
                throw new ArgumentException(
                    $"The Redis URI has an unknown query parameter '{name}'. Supported: db, ssl, sslHost, abortConnect, connectTimeout, syncTimeout, asyncTimeout, clientName, protocol.",
                    "connectionString");
        }
    }

    private static (string Host, int Port) Endpoint(string authority)
    {
        // [::1]:6379 — an IPv6 address is bracketed, so its colons are not a port separator.
        var portSeparator = authority.StartsWith('[') ? authority.IndexOf("]:", StringComparison.Ordinal) + 1 : authority.LastIndexOf(':');
        if (portSeparator <= 0)
        {
            return (Uri.UnescapeDataString(authority.Trim('[', ']')), 6379);
        }

        var host = Uri.UnescapeDataString(authority[..portSeparator].Trim('[', ']'));
        var port = authority[(portSeparator + 1)..];
        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 65535
            ? (host, number)
            : throw new ArgumentException($"The Redis URI has an invalid port '{port}' for host '{host}': expected a number from 1 to 65535.", "connectionString");
    }

    private static int Database(string value, string where) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var database)
            ? database
            : throw new ArgumentException($"The Redis URI has an invalid database number '{value}' in its {where}: expected a non-negative integer.", "connectionString");

    private static bool Boolean(string name, string value) =>
        bool.TryParse(value, out var result)
            ? result
            : throw new ArgumentException($"The Redis URI has an invalid query parameter '{name}' = '{value}': expected true or false.", "connectionString");

    private static int Milliseconds(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new ArgumentException($"The Redis URI has an invalid query parameter '{name}' = '{value}': expected milliseconds as a non-negative integer.", "connectionString");
}
