using AgentFrameworkSample;

var backend = "sqlite";
string? connection = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--backend" when i + 1 < args.Length:
            backend = args[++i];
            break;
        case "--connection" when i + 1 < args.Length:
            connection = args[++i];
            break;
        case "-h" or "--help":
            Console.WriteLine($"""
                Usage: dotnet run --project samples/AgentFramework -- [--backend NAME] [--connection STRING]

                Microsoft Agent Framework on Checkpoint backends, offline (a fake chat model and embedder):
                a ChatClientAgent whose chat history, memories and sessions survive a restart, and a workflow
                stopped after three supersteps and resumed from its latest checkpoint.

                  --backend NAME       {string.Join(", ", SampleBackend.Names)} (default: sqlite, the file {SampleBackend.DefaultSqliteFile} here)
                  --connection STRING  the connection string; required for postgres, redis and mongo
                """);
            return 0;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'; see --help.");
            return 2;
    }
}

try
{
    var open = SampleBackend.Opener(backend, connection, Environment.CurrentDirectory);
    await Demo.RunAsync(open, Console.Out);
    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
