using Checkpoint.Postgres;
using Npgsql;

namespace Checkpoint.Tests.Support;

/// <summary>PostgresSaver and PostgresStore in a schema of their own on the shared test server, dropped afterwards.</summary>
public sealed class PostgresTestStorage(string connectionString) : TestStorage
{
    private readonly string _schema = $"backend_{Guid.NewGuid():N}";

    public override string Name => "postgres";

    public override (BaseCheckpointSaver Saver, BaseStore Store) Open(Action<StoreOptions> configureStore) =>
        (PostgresSaver.FromConnectionString(connectionString, new PostgresSaverOptions { SchemaName = _schema }),
         PostgresStore.FromConnectionString(connectionString, Configure(new PostgresStoreOptions { SchemaName = _schema }, configureStore)));

    public override async ValueTask DisposeAsync()
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }

        await base.DisposeAsync();
    }
}
