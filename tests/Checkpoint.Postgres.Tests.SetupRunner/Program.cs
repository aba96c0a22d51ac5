using Checkpoint.Postgres;
using Npgsql;

// Usage: SetupRunner <connection string> <schema>
// Exit code 0 when both setups succeed; otherwise the exception goes to stderr and the exit code is 1.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Checkpoint.Postgres.Tests.SetupRunner <connection string> <schema>");
    return 2;
}

try
{
    await using var dataSource = NpgsqlDataSource.Create(args[0]);
    using (var saver = new PostgresSaver(dataSource, new PostgresSaverOptions { SchemaName = args[1] }))
    {
        saver.Setup();
    }

    await using (var store = new PostgresStore(dataSource, new PostgresStoreOptions { SchemaName = args[1] }))
    {
        await store.SetupAsync();
    }

    return 0;
}
catch (Exception e)
{
    Console.Error.WriteLine(e);
    return 1;
}
