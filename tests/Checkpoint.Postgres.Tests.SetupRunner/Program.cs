using Checkpoint.Postgres;
using Npgsql;

// Usage: SetupRunner <connection string>
// One process of a rollout racing Setup: prints "ready" once connected, then for each line read from stdin (a schema
// name) runs the saver's Setup() and the store's SetupAsync() of that schema at the same time and prints "ok", or
// "error <exception on one line>". Exits 0 at the end of input, 2 on bad usage.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Checkpoint.Postgres.Tests.SetupRunner <connection string>");
    return 2;
}

await using var dataSource = NpgsqlDataSource.Create(args[0]);
await using (var warm = await dataSource.OpenConnectionAsync())
{
    // Connected (and the type cache loaded) before the race starts, so the race is between setups, not logins.
}

Console.Out.WriteLine("ready");
Console.Out.Flush();
while (Console.In.ReadLine() is { } schema)
{
    try
    {
        using var saver = new PostgresSaver(dataSource, new PostgresSaverOptions { SchemaName = schema });
        await using var store = new PostgresStore(dataSource, new PostgresStoreOptions { SchemaName = schema });

        // Both components of one schema at the same instant, one through each API, as an application's startup does.
        var saverSetup = Task.Run(saver.Setup);
        var storeSetup = store.SetupAsync();
        await Task.WhenAll(saverSetup, storeSetup);
        Console.Out.WriteLine("ok");
    }
    catch (Exception e)
    {
        Console.Out.WriteLine("error " + e.ToString().ReplaceLineEndings(" | "));
    }

    Console.Out.Flush();
}

return 0;
