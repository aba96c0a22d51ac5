namespace Checkpoint.Benchmarks;

/// <summary>Command-line options of the harness.</summary>
internal sealed class BenchOptions
{
    public static readonly string[] AllBackends = ["memory", "sqlite", "postgres", "redis", "mongo"];

    public List<string> Backends { get; } = [];

    public string? JsonPath { get; set; }

    public bool Scale { get; set; }

    public int ScaleCheckpoints { get; set; } = 1_000_000;

    public int ScaleThreads { get; set; } = 10_000;

    public static readonly string DefaultSqlitePath = Path.Combine(Path.GetTempPath(), $"checkpoint-bench-{Environment.ProcessId}.db");

    public string SqlitePath { get; set; } = DefaultSqlitePath;

    public string? Postgres { get; set; } = Environment.GetEnvironmentVariable("CHECKPOINT_TEST_POSTGRES");

    public string? Redis { get; set; } = Environment.GetEnvironmentVariable("CHECKPOINT_TEST_REDIS");

    public string? Mongo { get; set; } = Environment.GetEnvironmentVariable("CHECKPOINT_TEST_MONGO");

    public const string Usage = """
        usage: dotnet run -c Release --project bench/Checkpoint.Benchmarks -- --backend <memory|sqlite|postgres|redis|mongo|all> [options]

          --backend NAME      backend to measure; repeat or use 'all' (default: all)
          --json PATH         also write the results as JSON to PATH
          --scale             scale mode: 1,000,000 checkpoints over 10,000 threads (sqlite and postgres), then
                              latest/list latency on a 10-checkpoint and a 10,000-checkpoint thread
          --scale-checkpoints N, --scale-threads N   size of the scale data set
          --sqlite PATH       SQLite database file (default: a new temp file, deleted afterwards)
          --postgres CS       PostgreSQL connection string (default: $CHECKPOINT_TEST_POSTGRES)
          --redis CS          Redis configuration string (default: $CHECKPOINT_TEST_REDIS)
          --mongo URI         MongoDB connection string (default: $CHECKPOINT_TEST_MONGO)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--backend":
                    var name = Value().ToLowerInvariant();
                    if (name == "all")
                    {
                        options.Backends.AddRange(AllBackends);
                    }
                    else if (AllBackends.Contains(name))
                    {
                        options.Backends.Add(name);
                    }
                    else
                    {
                        throw new UsageException($"unknown backend '{name}'.");
                    }

                    break;
                case "--json":
                    options.JsonPath = Value();
                    break;
                case "--scale":
                    options.Scale = true;
                    break;
                case "--scale-checkpoints":
                    options.ScaleCheckpoints = PositiveInt(Value(), "--scale-checkpoints");
                    break;
                case "--scale-threads":
                    options.ScaleThreads = PositiveInt(Value(), "--scale-threads");
                    break;
                case "--sqlite":
                    options.SqlitePath = Value();
                    break;
                case "--postgres":
                    options.Postgres = Value();
                    break;
                case "--redis":
                    options.Redis = Value();
                    break;
                case "--mongo":
                    options.Mongo = Value();
                    break;
                case "-h" or "--help":
                    throw new UsageException(null);
                default:
                    throw new UsageException($"unknown option '{args[i]}'.");
            }
        }

        if (options.Backends.Count == 0)
        {
            options.Backends.AddRange(AllBackends);
        }

        return options;
    }

    private static int PositiveInt(string text, string option) =>
        int.TryParse(text, out var value) && value > 0 ? value : throw new UsageException($"{option} needs a positive integer.");
}
