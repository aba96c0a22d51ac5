using System.CommandLine;
using System.CommandLine.Parsing;
using Checkpoint.Sqlite;

namespace Checkpoint.Benchmarks;

/// <summary>The harness's command line, parsed by System.CommandLine.</summary>
internal static class BenchCommand
{
    private static readonly Option<string[]> Backend = new("--backend")
    {
        Description = "Backend to measure: memory, sqlite, postgres, redis, mongo or all (default). Repeatable.",
        DefaultValueFactory = _ => ["all"],
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<string?> Json = new("--json") { Description = "Also write every figure as JSON to this file." };

    private static readonly Option<bool> Scale = new("--scale")
    {
        Description = "Scale mode: many small checkpoints over many threads, then latest/list latency on a 10- and a 10,000-checkpoint thread.",
    };

    private static readonly Option<bool> Scaling = new("--scaling")
    {
        Description = "Scaling mode: put, put-writes, get (warm and cold) and list as a conversation grows from 10 to 10,000 messages.",
    };

    private static readonly Option<bool> Store = new("--store")
    {
        Description = "Store mode: put, get, filtered search, list namespaces and semantic search at 1,000, 10,000 and 100,000 items.",
    };

    private static readonly Option<int> ScaleCheckpoints = new("--scale-checkpoints")
    {
        Description = "Checkpoints loaded in scale mode.",
        DefaultValueFactory = _ => 1_000_000,
    };

    private static readonly Option<int> ScaleThreads = new("--scale-threads")
    {
        Description = "Threads the scale-mode checkpoints are spread over.",
        DefaultValueFactory = _ => 10_000,
    };

    private static readonly Option<int[]> Histories = new("--histories")
    {
        Description = "Conversation lengths measured in scaling mode (default 10 100 1000 10000).",
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<int[]> StoreSizes = new("--store-sizes")
    {
        Description = "Item counts measured in store mode (default 1000 10000 100000).",
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<bool> TrustUnchangedItems = new("--trust-unchanged-items")
    {
        Description = "Create every saver with ChunkCacheOptions.TrustUnchangedItems (a message that is the same object as before is not compared).",
    };

    private static readonly Option<string?> Sqlite = new("--sqlite") { Description = "SQLite database file (default: a new temp file, deleted afterwards)." };

    private static readonly Option<SqliteDurability> SqliteDurability = new("--sqlite-durability")
    {
        Description = "SQLite durability: Full (default, every commit flushed) or Normal (commits survive a process crash, not a power loss).",
        DefaultValueFactory = _ => Checkpoint.Sqlite.SqliteDurability.Full,
    };

    private static readonly Option<string?> Postgres = new("--postgres")
    {
        Description = "PostgreSQL connection string (default: $CHECKPOINT_TEST_POSTGRES).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CHECKPOINT_TEST_POSTGRES"),
    };

    private static readonly Option<string?> Redis = new("--redis")
    {
        Description = "Redis configuration string (default: $CHECKPOINT_TEST_REDIS).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CHECKPOINT_TEST_REDIS"),
    };

    private static readonly Option<string?> Mongo = new("--mongo")
    {
        Description = "MongoDB connection string (default: $CHECKPOINT_TEST_MONGO).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CHECKPOINT_TEST_MONGO"),
    };

    /// <summary>Builds the root command; its action receives the validated options.</summary>
    public static RootCommand Create(Func<BenchOptions, CancellationToken, Task<int>> run)
    {
        var command = new RootCommand("Measures every checkpointer backend on fixed workloads and against its own driver's floor.")
        {
            Backend, Json, Scale, Scaling, Store, ScaleCheckpoints, ScaleThreads, Histories, StoreSizes, Sqlite, SqliteDurability, Postgres, Redis, Mongo, TrustUnchangedItems,
        };
        Backend.Validators.Add(result =>
        {
            foreach (var name in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (name != "all" && !BenchOptions.AllBackends.Contains(name))
                {
                    result.AddError($"Unknown backend '{name}': use {string.Join(", ", BenchOptions.AllBackends)} or all.");
                }
            }
        });
        foreach (var option in new[] { ScaleCheckpoints, ScaleThreads })
        {
            option.Validators.Add(result => RequirePositive(result, result.GetValueOrDefault<int>()));
        }

        foreach (var option in new[] { Histories, StoreSizes })
        {
            option.Validators.Add(result =>
            {
                foreach (var value in result.GetValueOrDefault<int[]>() ?? [])
                {
                    RequirePositive(result, value);
                }
            });
        }

        command.Validators.Add(result =>
        {
            if (new[] { Scale, Scaling, Store }.Count(o => result.GetValue(o)) > 1)
            {
                result.AddError("Choose one of --scale, --scaling and --store.");
            }
        });
        command.SetAction((result, cancellationToken) => run(Bind(result), cancellationToken));
        return command;
    }

    private static BenchOptions Bind(ParseResult result)
    {
        var backends = result.GetValue(Backend)!.SelectMany(b => b == "all" ? BenchOptions.AllBackends : [b]).Distinct().ToList();
        var mode = result.GetValue(Scale) ? BenchMode.Scale
            : result.GetValue(Scaling) ? BenchMode.Scaling
            : result.GetValue(Store) ? BenchMode.Store
            : BenchMode.Standard;
        return new BenchOptions
        {
            Backends = backends,
            Mode = mode,
            JsonPath = result.GetValue(Json),
            ScaleCheckpoints = result.GetValue(ScaleCheckpoints),
            ScaleThreads = result.GetValue(ScaleThreads),
            Histories = result.GetValue(Histories) is { Length: > 0 } histories ? histories : ScalingWorkload.DefaultHistories,
            StoreSizes = result.GetValue(StoreSizes) is { Length: > 0 } sizes ? sizes : StoreWorkload.DefaultSizes,
            SqlitePath = result.GetValue(Sqlite) ?? BenchOptions.DefaultSqlitePath,
            SqliteDurability = result.GetValue(SqliteDurability),
            ChunkCache = new ChunkCacheOptions { TrustUnchangedItems = result.GetValue(TrustUnchangedItems) },
            Postgres = result.GetValue(Postgres),
            Redis = result.GetValue(Redis),
            Mongo = result.GetValue(Mongo),
        };
    }

    private static void RequirePositive(OptionResult result, int value)
    {
        if (value <= 0)
        {
            result.AddError($"{result.Option.Name} needs positive integers.");
        }
    }
}
