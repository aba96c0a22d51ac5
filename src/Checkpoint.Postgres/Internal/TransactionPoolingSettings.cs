using Npgsql;

namespace Checkpoint.Postgres.Internal;

/// <summary>
/// The Npgsql settings a transaction-mode pooler (PgBouncer <c>pool_mode = transaction</c>) needs: applied to the data
/// sources this library builds, checked on the ones a caller passes in.
/// </summary>
/// <remarks>
/// Behind such a pooler each transaction may run on a different server connection, so anything that outlives a
/// transaction on the server breaks: Npgsql's <c>DISCARD ALL</c> reset when a connection returns to its pool (sent
/// pipelined with the next command, it lands mid-transaction on another client's server connection) and statements
/// prepared by name (<c>_p1</c> exists on one server connection, not on the next).
/// </remarks>
internal static class TransactionPoolingSettings
{
    /// <summary>The settings, as they appear in a connection string.</summary>
    public const string ConnectionStringSettings = "No Reset On Close=true;Max Auto Prepare=0";

    /// <summary>Creates the data source a <c>FromConnectionString</c> instance owns, with the pooler settings when asked for.</summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString, bool transactionPooling)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        if (!transactionPooling)
        {
            return NpgsqlDataSource.Create(connectionString);
        }

        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.NoResetOnClose = true;
        builder.ConnectionStringBuilder.MaxAutoPrepare = 0;
        return builder.Build();
    }

    /// <summary>Throws when a caller's data source lacks a setting transaction pooling needs, naming each missing one.</summary>
    /// <param name="dataSource">The caller's data source.</param>
    /// <exception cref="ArgumentException">A setting is missing.</exception>
    public static void ThrowIfMissing(NpgsqlDataSource dataSource)
    {
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        var missing = new List<string>();
        if (!settings.NoResetOnClose)
        {
            missing.Add("No Reset On Close=true (Npgsql's connection reset, sent with the next command, lands on another client's server connection)");
        }

        if (settings.MaxAutoPrepare != 0)
        {
            missing.Add($"Max Auto Prepare=0 (it is {settings.MaxAutoPrepare}; a statement prepared on one server connection does not exist on the next)");
        }

        if (missing.Count > 0)
        {
            throw new ArgumentException(
                $"TransactionPooling is set, but the data source's connection string lacks {string.Join(" and ", missing)}. " +
                $"Add \"{ConnectionStringSettings}\" to the connection string (or set them on NpgsqlDataSourceBuilder.ConnectionStringBuilder), " +
                "or use FromConnectionString, which adds them.",
                nameof(dataSource));
        }
    }
}
