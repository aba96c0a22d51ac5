using Checkpoint.ConformanceSuite;
using Checkpoint.Postgres;
using Npgsql;

using Checkpoint.Postgres.Tests.SetupRunner;

// Usage: SetupRunner <connection string>
// One process of a rollout racing Setup: each line read from stdin is a schema name whose saver and store it sets up at
// the same instant (see ProcessRace.ServeSetupsAsync). Exits 0 at the end of input, 2 on bad usage.
// Usage: SetupRunner starve <connection string> <schema>
// Runs every synchronous operation with the thread pool starved (see StarvedOperations); exits 0 when all succeed.
if (args is ["starve", var server, var schema])
{
    return await StarvedOperations.RunAsync(server, schema);
}

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Checkpoint.Postgres.Tests.SetupRunner <connection string> | starve <connection string> <schema>");
    return 2;
}

await using var dataSource = NpgsqlDataSource.Create(args[0]);
await using (var warm = await dataSource.OpenConnectionAsync())
{
    // Connected (and the type cache loaded) before the race starts, so the race is between setups, not logins.
}

return await ProcessRace.ServeSetupsAsync(
    schema => new PostgresSaver(dataSource, new PostgresSaverOptions { SchemaName = schema }),
    schema => new PostgresStore(dataSource, new PostgresStoreOptions { SchemaName = schema }));
