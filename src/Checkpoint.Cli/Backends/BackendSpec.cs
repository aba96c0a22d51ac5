using Checkpoint.Postgres;
using Checkpoint.Redis;
using Microsoft.Data.Sqlite;
using MongoDB.Driver;
using Npgsql;
using StackExchange.Redis;

namespace Checkpoint.Cli.Backends;

/// <summary>Where a database is: the backend, its connection string and the backend's own placement options.</summary>
/// <param name="Backend">One of <see cref="Names"/>.</param>
/// <param name="Connection">The connection string (a file path for SQLite).</param>
/// <param name="Schema">PostgreSQL schema; <c>public</c> when <see langword="null"/>.</param>
/// <param name="Prefix">Redis key prefix (before <c>checkpoint:</c> and <c>store:</c>) or MongoDB collection prefix.</param>
internal sealed record BackendSpec(string Backend, string Connection, string? Schema, string? Prefix)
{
    /// <summary>The backends the tool opens.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sqlite", "postgres", "redis", "mongo"];

    /// <summary>Examples of connection strings, by backend, for error messages and help.</summary>
    public static IReadOnlyDictionary<string, string> Examples { get; } = new Dictionary<string, string>
    {
        ["sqlite"] = "app.db (or Data Source=app.db)",
        ["postgres"] = "Host=localhost;Username=app;Password=...;Database=agents",
        ["redis"] = "localhost:6379",
        ["mongo"] = "mongodb://localhost:27017/agents",
    };

    /// <summary>Gets the SQLite connection string: a bare path becomes <c>Data Source=path</c>.</summary>
    public string SqliteConnectionString => Connection.Contains('=', StringComparison.Ordinal)
        ? Connection
        : new SqliteConnectionStringBuilder { DataSource = Connection }.ToString();

    /// <summary>Describes the database without any secret, for messages.</summary>
    /// <returns>For example <c>PostgreSQL 127.0.0.1:5432/agents (schema public)</c>.</returns>
    public string Describe()
    {
        try
        {
            return Backend switch
            {
                "sqlite" => $"SQLite {new SqliteConnectionStringBuilder(SqliteConnectionString).DataSource}",
                "postgres" => DescribePostgres(),
                "redis" => $"Redis {string.Join(",", RedisOptions.EndPoints.Select(e => e.ToString()))} (keys under {Prefix ?? string.Empty}checkpoint: and {Prefix ?? string.Empty}store:)",
                "mongo" => $"MongoDB {string.Join(",", MongoUrl.Create(Connection).Servers)}/{MongoUrl.Create(Connection).DatabaseName}{(string.IsNullOrEmpty(Prefix) ? string.Empty : $" (collections {Prefix}*)")}",
                _ => Backend,
            };
        }
        catch (Exception e) when (e is ArgumentException or FormatException or MongoConfigurationException or KeyNotFoundException)
        {
            return Backend;
        }
    }

    /// <summary>The Npgsql connection string, from a <c>postgresql://</c> URI or a native string, read as the library reads it.</summary>
    public string NpgsqlConnectionString => PostgresConnectionString.ToNpgsql(Connection);

    /// <summary>The StackExchange.Redis options, from a <c>redis://</c> URI or a configuration string, read as the library reads them.</summary>
    public ConfigurationOptions RedisOptions => RedisConnectionString.Parse(Connection);

    /// <summary>Returns the secrets of the connection string (passwords, tokens), which output must never show.</summary>
    /// <returns>The secrets; empty when there are none or the string cannot be parsed.</returns>
    public IReadOnlyList<string> Secrets()
    {
        var secrets = new List<string>();
        try
        {
            switch (Backend)
            {
                case "postgres":
                    secrets.Add(new NpgsqlConnectionStringBuilder(NpgsqlConnectionString).Password ?? string.Empty);
                    break;
                case "redis":
                    secrets.Add(RedisOptions.Password ?? string.Empty);
                    break;
                case "mongo":
                    secrets.Add(MongoUrl.Create(Connection).Password ?? string.Empty);
                    break;
                case "sqlite":
                    secrets.Add(new SqliteConnectionStringBuilder(SqliteConnectionString).Password ?? string.Empty);
                    break;
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException or MongoConfigurationException or KeyNotFoundException)
        {
            // An unparsable string is reported by the backend that opens it; never by echoing it.
        }

        return [.. secrets.Where(s => s.Length >= 3)];
    }

    private string DescribePostgres()
    {
        var builder = new NpgsqlConnectionStringBuilder(NpgsqlConnectionString);
        var port = builder.Port == NpgsqlConnection.DefaultPort ? string.Empty : $":{builder.Port}";
        return $"PostgreSQL {builder.Host}{port}/{builder.Database ?? builder.Username} (schema {Schema ?? "public"})";
    }
}
