using Checkpoint.Postgres;
using Npgsql;

namespace Checkpoint.AgentFramework.Tests.Support;

/// <summary>PostgresSaver and PostgresStore in a schema of their own on the shared test server, dropped afterwards.</summary>
public sealed class PostgresBackend(string connectionString) : AgentBackend
{
    private readonly string _schema = $"agentfw_{Guid.NewGuid():N}";

    public override string Name => "postgres";

    protected override (BaseCheckpointSaver Saver, BaseStore Store) Open() =>
        (PostgresSaver.FromConnectionString(connectionString, new PostgresSaverOptions { SchemaName = _schema }),
         PostgresStore.FromConnectionString(connectionString, Configure(new PostgresStoreOptions { SchemaName = _schema })));

    protected override async ValueTask DisposeStorageAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
