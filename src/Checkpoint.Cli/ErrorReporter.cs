using System.Net.Sockets;
using Checkpoint.Cli.Backends;
using Checkpoint.Sqlite;
using Microsoft.Data.Sqlite;
using MongoDB.Driver;
using Npgsql;
using StackExchange.Redis;

namespace Checkpoint.Cli;

/// <summary>Turns an exception into one line for the user and an exit code. Messages never quote connection strings.</summary>
internal static class ErrorReporter
{
    // SQLITE_CANTOPEN: behind a SchemaNotSetUpException, the file is missing (only Setup creates it).
    private const int SqliteCannotOpen = 14;

    /// <summary>Describes a failure.</summary>
    /// <param name="exception">What was thrown.</param>
    /// <param name="source">The database being used, when known.</param>
    /// <returns>The exit code and the message (without the leading <c>error:</c>).</returns>
    public static (int ExitCode, string Message) Describe(Exception exception, BackendSpec? source)
    {
        var where = source?.Describe() ?? "the database";
        return exception switch
        {
            CliException cli => (cli.ExitCode, cli.Message),
            Transfer.TargetException target => Describe(target.InnerException!, target.Target),
            OperationCanceledException => (ExitCodes.Failure, "cancelled."),
            PostgresException pg => DescribePostgres(pg, where, source),
            NpgsqlException npgsql => (ExitCodes.Unavailable, $"cannot reach {where}: {FirstLine(Innermost(npgsql).Message)}"),
            RedisConnectionException { FailureType: ConnectionFailureType.AuthenticationFailure } => (ExitCodes.Unavailable, $"{where} refused the credentials (check the password or user in the connection string)."),
            RedisConnectionException redis => (ExitCodes.Unavailable, $"cannot reach {where}: {FirstLine(redis.Message)}"),
            RedisServerException redis when redis.Message.Contains("NOAUTH", StringComparison.Ordinal) || redis.Message.Contains("WRONGPASS", StringComparison.Ordinal)
                => (ExitCodes.Unavailable, $"{where} refused the credentials: {FirstLine(redis.Message)}"),
            RedisTimeoutException redis => (ExitCodes.Unavailable, $"{where} did not answer in time: {FirstLine(redis.Message)}"),
            MongoAuthenticationException => (ExitCodes.Unavailable, $"{where} refused the credentials (check the user and password in the connection string)."),
            MongoConnectionException mongo => (ExitCodes.Unavailable, $"cannot reach {where}: {FirstLine(mongo.Message)}"),
            SqliteLockTimeoutException locked => (ExitCodes.Failure, $"{where}: {FirstLine(locked.Message)}"),
            TimeoutException timeout => (ExitCodes.Unavailable, $"{where} did not answer in time: {FirstLine(timeout.Message)}"),
            SqliteDatabaseException sqlite => (ExitCodes.Unavailable, $"cannot use {where}: {FirstLine(sqlite.Message)}"),
            SocketException socket => (ExitCodes.Unavailable, $"cannot reach {where}: {socket.Message}"),
            SchemaVersionException schema => (ExitCodes.Failure, $"{where}: {FirstLine(schema.Message)} Use a newer version of the tool."),
            SchemaNotSetUpException notSetUp
                => (ExitCodes.Failure, $"{where} {(notSetUp.InnerException is SqliteException { SqliteErrorCode: SqliteCannotOpen } ? "does not exist" : "is not set up")}: run 'checkpoint setup' for a new database, or check --connection{SchemaHint(source)}."),
            CheckpointSerializationException serialization => (ExitCodes.Failure, $"damaged or unreadable data in {where}: {FirstLine(serialization.Message)}"),
            ArgumentException argument when argument.StackTrace?.Contains("ConnectionString", StringComparison.Ordinal) == true
                || argument.StackTrace?.Contains("ConfigurationOptions", StringComparison.Ordinal) == true
                || argument.StackTrace?.Contains("MongoUrl", StringComparison.Ordinal) == true
                => (ExitCodes.Usage, $"invalid connection string for {source?.Backend ?? "the backend"}: {FirstLine(argument.Message)}"),
            MongoConfigurationException mongo => (ExitCodes.Usage, $"invalid MongoDB connection string: {FirstLine(mongo.Message)}"),
            _ => (ExitCodes.Failure, $"{FirstLine(exception.Message)} ({exception.GetType().Name})"),
        };
    }

    private static (int, string) DescribePostgres(PostgresException pg, string where, BackendSpec? source) => pg.SqlState switch
    {
        "28P01" or "28000" => (ExitCodes.Unavailable, $"{where} refused the credentials: {pg.MessageText}."),
        "3D000" => (ExitCodes.Unavailable, $"cannot use {where}: {pg.MessageText}."),
        "42P01" or "3F000" => (ExitCodes.Failure, $"{where} has no checkpoint tables: run 'checkpoint setup' for a new database, or check --connection{SchemaHint(source)}."),
        _ => (ExitCodes.Failure, $"{where}: {pg.MessageText} (SQLSTATE {pg.SqlState})."),
    };

    private static string SchemaHint(BackendSpec? source) => source?.Backend switch
    {
        "postgres" => " and --schema",
        "redis" or "mongo" => " and --prefix",
        _ => string.Empty,
    };

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is { } inner)
        {
            exception = inner;
        }

        return exception;
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length <= 300 ? line : string.Concat(line.AsSpan(0, 300), "...");
    }
}
