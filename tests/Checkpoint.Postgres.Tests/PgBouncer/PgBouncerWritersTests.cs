using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Checkpoint.Postgres.Tests.Conformance;
using Xunit;

namespace Checkpoint.Postgres.Tests.PgBouncer;

/// <summary>
/// The workload of issue 21 through PgBouncer in transaction mode (pool size 10): 24 concurrent writers, each step a
/// put, put-writes, get-latest, list-3, store put and store search, on a saver and a store built the way the README
/// says (<c>FromConnectionString</c> with <c>TransactionPooling = true</c>). Every step must succeed and read back
/// exactly what its writer wrote.
/// </summary>
public sealed class PgBouncerWritersTests : PgBouncerTest
{
    private const int Writers = 24;
    private const int Steps = 40;

    [Fact]
    public async Task Every_step_of_24_concurrent_writers_through_the_pooler_succeeds_and_reads_back_what_it_wrote()
    {
        var database = CreatePooledDatabase();
        var connectionString = Environment.GetEnvironmentVariable(PostgresTestStore.PgBouncerConnectionStringVariable)!;
        await using var saver = PostgresSaver.FromConnectionString(connectionString, new PostgresSaverOptions { SchemaName = database.Schema, TransactionPooling = true });
        await using var store = PostgresStore.FromConnectionString(connectionString, new PostgresStoreOptions { SchemaName = database.Schema, TransactionPooling = true });
        await saver.SetupAsync(CancellationToken);
        await store.SetupAsync(CancellationToken);

        var failures = new ConcurrentQueue<string>();
        var threads = Enumerable.Range(0, Writers).Select(_ => NewThreadId()).ToList();
        var writers = threads.Select((threadId, i) => Start(() => WriteAsync(saver, store, threadId, $"w{i}", sync: i % 2 == 0, failures))).ToList();
        var completed = (await Task.WhenAll(writers)).Sum();

        Assert.True(failures.IsEmpty, $"{failures.Count} of {Writers * Steps} steps failed, for example: {string.Join(" | ", failures.Take(3))}");
        Assert.Equal(Writers * Steps, completed);
        Assert.Equal(
            (long)Writers * Steps,
            await ScalarAsync<long>($"SELECT count(*) FROM \"{database.Schema}\".checkpoints WHERE thread_id = ANY($1)", (object)threads.ToArray()));
        Assert.Equal((long)Writers * Steps, await ScalarAsync<long>($"SELECT count(*) FROM \"{database.Schema}\".store"));
    }

    // Sync writers block their thread for the whole run: give them their own threads rather than starve the pool.
    private static Task<int> Start(Func<Task<int>> write) =>
        Task.Factory.StartNew(() => write().GetAwaiter().GetResult(), CancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static async Task<int> WriteAsync(PostgresSaver saver, PostgresStore store, string threadId, string writer, bool sync, ConcurrentQueue<string> failures)
    {
        var completed = 0;
        var ids = new List<string>();
        StoreNamespace ns = ["writers", threadId];
        RunConfig? parent = null;
        for (var step = 0; step < Steps; step++)
        {
            try
            {
                parent = await StepAsync(saver, store, threadId, writer, sync, ns, parent, step, ids);
                completed++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Enqueue($"{writer} step {step}: {e.GetType().Name}: {e.Message}");
            }
        }

        return completed;
    }

    private static async Task<RunConfig> StepAsync(
        PostgresSaver saver, PostgresStore store, string threadId, string writer, bool sync, StoreNamespace ns, RunConfig? parent, int step, List<string> ids)
    {
        var checkpoint = new GraphCheckpoint
        {
            Id = CheckpointId.Create(step),
            Ts = DateTimeOffset.UtcNow.ToString("O"),
            ChannelValues = { ["messages"] = $"{writer} step {step}", ["step"] = (long)step },
            ChannelVersions = { ["messages"] = ChannelVersion.Next(null), ["step"] = ChannelVersion.Next(null) },
        };
        var config = new RunConfig(threadId, string.Empty, parent?.CheckpointId);
        var versions = new Dictionary<string, string>(checkpoint.ChannelVersions);
        var metadata = CheckpointMetadata.Create(CheckpointSource.Loop, step);
        ChannelWrite[] writes = [new("answer", $"{writer} answer {step}")];
        var document = new JsonObject { ["writer"] = writer, ["step"] = step };
        var filter = new Dictionary<string, JsonNode?> { ["step"] = step };
        var limit3 = new CheckpointListOptions { Limit = 3 };

        // Half the writers use the sync API: both paths go through the same pooler settings.
        RunConfig stored;
        CheckpointTuple? latest;
        List<CheckpointTuple> listed;
        List<SearchItem> found;
        if (sync)
        {
            stored = saver.Put(config, checkpoint, metadata, versions);
            saver.PutWrites(stored, writes, writer);
            latest = saver.GetTuple(new RunConfig(threadId));
            listed = [.. saver.List(new RunConfig(threadId), limit3)];
            store.Put(ns, $"k{step}", document);
            found = [.. store.Search(ns, filter: filter)];
        }
        else
        {
            stored = await saver.PutAsync(config, checkpoint, metadata, versions, CancellationToken);
            await saver.PutWritesAsync(stored, writes, writer, cancellationToken: CancellationToken);
            latest = await saver.GetTupleAsync(new RunConfig(threadId), CancellationToken);
            listed = await saver.ListAsync(new RunConfig(threadId), limit3, CancellationToken).ToListAsync(CancellationToken);
            await store.PutAsync(ns, $"k{step}", document, cancellationToken: CancellationToken);
            found = await store.SearchAsync(ns, filter: filter, cancellationToken: CancellationToken).ToListAsync(CancellationToken);
        }

        ids.Add(stored.CheckpointId!);
        Assert.NotNull(latest);
        Assert.Equal(stored, latest.Config);
        Assert.Equal($"{writer} step {step}", latest.Checkpoint.ChannelValues["messages"]);
        Assert.Equal(new PendingWrite(writer, "answer", $"{writer} answer {step}"), Assert.Single(latest.PendingWrites));
        Assert.Equal(ids.TakeLast(3).Reverse(), listed.Select(t => t.Config.CheckpointId));
        var item = Assert.Single(found);
        Assert.Equal($"k{step}", item.Key);
        Assert.True(JsonNode.DeepEquals(document, item.Value), $"{writer} step {step} found {item.Value.ToJsonString()}");
        return stored;
    }
}
