using Checkpoint.Postgres.Internal;
using Npgsql;
using NpgsqlTypes;
using Xunit;

namespace Checkpoint.Postgres.Tests.PgBouncer;

/// <summary>
/// Server errors are blamed on the caller's input only when the input caused them. Behind a misconfigured pooler the
/// server raises "invalid byte sequence for encoding UTF8: 0x00" for bytes bound to another client's prepared
/// statement; that is not bad input and must not become an <see cref="ArgumentException"/>.
/// </summary>
public sealed class ErrorBlameTests
{
    private const string Component = "The PostgreSQL checkpointer schema 'public'";

    [Theory]
    [InlineData(PostgresErrorCodes.CharacterNotInRepertoire)]
    [InlineData(PostgresErrorCodes.UntranslatableCharacter)]
    public void An_encoding_error_is_bad_input_only_when_a_parameter_holds_nul(string sqlState)
    {
        var error = new PostgresException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "ERROR", sqlState);

        Assert.Null(PostgresErrors.Translate(error, Batch("thread-1", new[] { "a", "b" }, """{"note":"clean"}""", new byte[] { 0, 1 }), prepared: false, Component));
        Assert.IsType<ArgumentException>(PostgresErrors.Translate(error, Batch("thread\0-1"), prepared: false, Component));
        Assert.IsType<ArgumentException>(PostgresErrors.Translate(error, Batch(new[] { "fine", "bad\0" }), prepared: false, Component));
        Assert.IsType<ArgumentException>(PostgresErrors.Translate(error, Batch("""{"note":"a\u0000b"}"""), prepared: false, Component));
    }

    [Theory]
    [InlineData(PostgresErrorCodes.InvalidSqlStatementName, "prepared statement \"_p1\" does not exist")]
    [InlineData(PostgresErrorCodes.DuplicatePreparedStatement, "prepared statement \"_p1\" already exists")]
    public void A_lost_prepared_statement_names_the_pooler_option_and_stays_a_server_error(string sqlState, string message)
    {
        var error = new PostgresException(message, "ERROR", "ERROR", sqlState);

        var translated = PostgresErrors.Translate(error, Batch("thread-1"), prepared: true, Component);

        var server = Assert.IsType<NpgsqlException>(translated);
        Assert.Contains("TransactionPooling = true", server.Message, StringComparison.Ordinal);
        Assert.Contains(message, server.Message, StringComparison.Ordinal);
        Assert.Same(error, server.InnerException);
        Assert.Null(PostgresErrors.Translate(error, Batch("thread-1"), prepared: false, Component));
    }

    [Fact]
    public void A_program_limit_is_bad_input_only_when_it_is_about_an_index_entry()
    {
        var arrayDimensions = new PostgresException("number of array dimensions (24846963) exceeds the maximum allowed (6)", "ERROR", "ERROR", PostgresErrorCodes.ProgramLimitExceeded);
        var indexRow = new PostgresException("index row requires 10016 bytes, maximum size is 8191", "ERROR", "ERROR", PostgresErrorCodes.ProgramLimitExceeded);

        Assert.Null(PostgresErrors.Translate(arrayDimensions, Batch("thread-1"), prepared: true, Component));
        Assert.Contains("too large", Assert.IsType<ArgumentException>(PostgresErrors.Translate(indexRow, Batch("thread-1"), prepared: false, Component)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_server_errors_pass_through_unchanged()
    {
        var error = new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown);

        Assert.Null(PostgresErrors.Translate(error, Batch("thread\0-1"), prepared: true, Component));
    }

    private static NpgsqlBatch Batch(params object[] values)
    {
        var command = new NpgsqlBatchCommand("SELECT 1");
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = value is byte[] ? NpgsqlDbType.Bytea : value is string[] ? NpgsqlDbType.Array | NpgsqlDbType.Text : NpgsqlDbType.Text });
        }

        return new NpgsqlBatch { BatchCommands = { command } };
    }
}
