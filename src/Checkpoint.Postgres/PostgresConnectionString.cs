using System.Globalization;
using Npgsql;

namespace Checkpoint.Postgres;

/// <summary>
/// Reads the connection strings PostgreSQL users paste: libpq URIs (<c>postgresql://user:pw@host:5432/db?sslmode=require</c>,
/// also <c>postgres://</c>, as LangGraph and most hosting providers give them) as well as Npgsql's native
/// <c>Host=...;Username=...</c> form.
/// </summary>
/// <remarks>
/// Errors name the part that is wrong (a port, a query parameter) and never repeat the password or the whole string.
/// Supported URI parameters: <c>sslmode</c>, <c>connect_timeout</c>, <c>application_name</c>, <c>options</c>,
/// <c>target_session_attrs</c>, <c>sslrootcert</c>, <c>sslcert</c>, <c>sslkey</c>, <c>host</c>, <c>port</c>,
/// <c>user</c>, <c>password</c>, <c>dbname</c>; any other Npgsql keyword (<c>Pooling</c>, <c>Maximum Pool Size</c>,
/// ...) is passed through as written.
/// </remarks>
public static class PostgresConnectionString
{
    private static readonly Dictionary<string, string> s_uriParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
        ["options"] = "Options",
        ["target_session_attrs"] = "Target Session Attributes",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["host"] = "Host",
        ["port"] = "Port",
        ["user"] = "Username",
        ["password"] = "Password",
        ["dbname"] = "Database",
    };

    /// <summary>Returns the Npgsql connection string for a URI or native connection string.</summary>
    /// <param name="connectionString">A <c>postgresql://</c> or <c>postgres://</c> URI, or an Npgsql connection string.</param>
    /// <returns>An Npgsql connection string (a native one is returned unchanged).</returns>
    /// <exception cref="ArgumentException">The string is empty or a part of it is invalid; the message names the part, never the password.</exception>
    public static string ToNpgsql(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var trimmed = connectionString.Trim();
        return IsUri(trimmed) ? FromUri(trimmed).ConnectionString : trimmed;
    }

    /// <summary>Returns whether <paramref name="connectionString"/> is a <c>postgresql://</c> or <c>postgres://</c> URI.</summary>
    /// <param name="connectionString">The string.</param>
    /// <returns><see langword="true"/> for a URI.</returns>
    public static bool IsUri(string connectionString) =>
        connectionString.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || connectionString.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

    private static NpgsqlConnectionStringBuilder FromUri(string uri)
    {
        var rest = uri[(uri.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var builder = new NpgsqlConnectionStringBuilder();

        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        var query = queryStart < 0 ? string.Empty : rest[(queryStart + 1)..];
        rest = queryStart < 0 ? rest : rest[..queryStart];

        var pathStart = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = pathStart < 0 ? rest : rest[..pathStart];
        if (pathStart >= 0 && rest.Length > pathStart + 1)
        {
            builder.Database = Decode(rest[(pathStart + 1)..], "database name");
        }

        // The password may itself contain '@': the host list starts after the last one.
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Decode(colon < 0 ? userInfo : userInfo[..colon], "user name");
            if (colon >= 0)
            {
                builder.Password = Decode(userInfo[(colon + 1)..], "password");
            }

            authority = authority[(at + 1)..];
        }

        if (authority.Length > 0)
        {
            builder.Host = string.Join(',', authority.Split(',').Select(ParseHost));
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals], "query parameter name");
            var value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..], $"value of query parameter '{name}'");
            var keyword = s_uriParameters.TryGetValue(name, out var mapped) ? mapped : name;
            try
            {
                builder[keyword] = keyword == "SSL Mode" ? SslMode(value) : value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                var shown = keyword == "Password" ? "(hidden)" : $"'{value}'";
                throw new ArgumentException($"The PostgreSQL URI has an invalid query parameter '{name}' = {shown}: {(keyword == "Password" ? "not accepted" : e.Message)}", "connectionString");
            }
        }

        return builder;
    }

    private static string ParseHost(string hostAndPort)
    {
        if (hostAndPort.Length == 0)
        {
            throw new ArgumentException("The PostgreSQL URI has an empty host in its host list.", "connectionString");
        }

        // [::1]:5432 — an IPv6 address is bracketed, so its colons are not a port separator.
        var portSeparator = hostAndPort.StartsWith('[') ? hostAndPort.IndexOf("]:", StringComparison.Ordinal) + 1 : hostAndPort.LastIndexOf(':');
        if (portSeparator <= 0)
        {
            return Decode(hostAndPort.Trim('[', ']'), "host");
        }

        var host = Decode(hostAndPort[..portSeparator].Trim('[', ']'), "host");
        var port = hostAndPort[(portSeparator + 1)..];
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            throw new ArgumentException($"The PostgreSQL URI has an invalid port '{port}' for host '{host}': expected a number from 1 to 65535.", "connectionString");
        }

        return host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{number}" : $"{host}:{number}";
    }

    // libpq's sslmode values are Npgsql's SSL Mode names in another spelling.
    private static string SslMode(string value) => value.ToLowerInvariant() switch
    {
        "disable" => "Disable",
        "allow" => "Allow",
        "prefer" => "Prefer",
        "require" => "Require",
        "verify-ca" => "VerifyCA",
        "verify-full" => "VerifyFull",
        _ => throw new ArgumentException("expected disable, allow, prefer, require, verify-ca or verify-full"),
    };

    private static string Decode(string part, string what)
    {
        var decoded = Uri.UnescapeDataString(part);
        return decoded.Contains('\0', StringComparison.Ordinal)
            ? throw new ArgumentException($"The PostgreSQL URI has a NUL character in its {what}.", "connectionString")
            : decoded;
    }
}
