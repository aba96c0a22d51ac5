using System.Text.Json.Nodes;
using Npgsql;

namespace Checkpoint.Postgres.Tests.SetupRunner;

/// <summary>
/// The <c>starve</c> mode: sets up the schema, then occupies every thread-pool thread and forbids new ones, and runs every
/// synchronous saver and store operation on a thread of its own. A synchronous path that needs the thread pool (Npgsql
/// sends the second and later statements of a synchronous batch from it) can then never finish: the command timeout fails
/// it, or it hangs.
/// </summary>
internal static class StarvedOperations
{
    /// <summary>Runs every synchronous operation with the thread pool starved.</summary>
    /// <param name="connectionString">The server.</param>
    /// <param name="schema">The schema to use.</param>
    /// <returns>0 when every operation succeeds; otherwise the failures go to stderr and the result is 1.</returns>
    public static async Task<int> RunAsync(string connectionString, string schema)
    {
        connectionString = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 5, Timeout = 5 }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        using var saver = new PostgresSaver(dataSource, new PostgresSaverOptions { SchemaName = schema });
        using var store = new PostgresStore(dataSource, new PostgresStoreOptions { SchemaName = schema });
        saver.Setup();
        store.Setup();

        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMaxThreads(workers, completionPorts);
        using var release = new ManualResetEventSlim();
        using var started = new CountdownEvent(workers);
        for (var i = 0; i < workers; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => { started.Signal(); release.Wait(); }, null);
        }

        started.Wait();
        var failures = new List<string>();
        var runner = new Thread(() =>
        {
            void Run(string name, Action operation)
            {
                try
                {
                    operation();
                }
                catch (Exception e)
                {
                    failures.Add($"{name}: {e}");
                }
            }

            var thread = "starved-" + Guid.NewGuid().ToString("N");
            var config = RunConfig.ForThread(thread);
            for (var step = 0; step < 3; step++)
            {
                var checkpoint = GraphCheckpoint.CreateEmpty(step);
                checkpoint.ChannelValues["large"] = new string('a', 20_000);
                checkpoint.ChannelVersions["large"] = saver.GetNextVersion(checkpoint.ChannelVersions.GetValueOrDefault("large")) + step;
                checkpoint.ChannelValues["small"] = step;
                checkpoint.ChannelVersions["small"] = saver.GetNextVersion(null) + step;
                var current = config;
                Run($"Put {step}", () => config = saver.Put(current, checkpoint, CheckpointMetadata.Create(CheckpointSource.Loop, step), new Dictionary<string, string>(checkpoint.ChannelVersions)));
            }

            Run("PutWrites", () => saver.PutWrites(config, [new("large", "x"), new(SpecialChannels.Error, "y")], "task"));
            Run("GetTuple", () => saver.GetTuple(config));
            Run("List", () => saver.List(RunConfig.ForThread(thread)).ToList());
            Run("GetDeltaChannelHistory", () => saver.GetDeltaChannelHistory(config, ["large"]));
            Run("ListThreads", () => saver.ListThreads(new ThreadListOptions { Limit = 5 }).ToList());
            Run("CopyThread", () => saver.CopyThread(thread, thread + "-copy"));
            Run("Prune", () => saver.Prune([thread], PruneStrategy.KeepLatest));
            Run("DeleteForRuns", () => saver.DeleteForRuns(["no-such-run"]));
            Run("DeleteThread", () => saver.DeleteThread(thread));
            Run("DeleteThread copy", () => saver.DeleteThread(thread + "-copy"));
            Run("Store Put", () => store.Put(["starved"], "k", new JsonObject { ["text"] = new string('v', 20_000) }));
            Run("Store Batch", () => store.Batch(
            [
                new GetOperation(["starved"], "k"),
                new PutOperation(["starved"], "k2", new JsonObject { ["n"] = 1 }),
                new SearchOperation(["starved"]),
                new PutOperation(["starved"], "k", null),
            ]));
            Run("Store Search", () => store.Search(["starved"]).ToList());
            Run("Store ListNamespaces", () => store.ListNamespaces().ToList());
            Run("Store SweepExpired", () => store.SweepExpired());
        });
        runner.Start();
        if (!runner.Join(TimeSpan.FromSeconds(120)))
        {
            Console.Error.WriteLine("The synchronous operations hung with the thread pool starved.");
            return 1;
        }

        release.Set();
        foreach (var failure in failures)
        {
            Console.Error.WriteLine(failure);
        }

        return failures.Count == 0 ? 0 : 1;
    }
}
