using System.Text.Json.Nodes;
using Checkpoint.ConformanceSuite;
using Xunit;

namespace Checkpoint.Sqlite.Tests.Reference;

/// <summary>
/// Drives random operation sequences against <see cref="SqliteSaver"/> and <see cref="InMemorySaver"/> side by side and
/// demands identical results after every operation: SQL filters, ordering, paging, blob garbage collection and the
/// write rules must agree with the reference in every corner the generator reaches.
/// </summary>
public sealed class SaverReferenceTests
{
    private static readonly string[] Channels = ["a", "b", "c"];
    private static readonly string[] Namespaces = ["", "child:1", "child:1|grand:2"];
    private static readonly JsonNode?[] Scores = [1, 1.0, 2, 2.5, "1", null, new JsonObject { ["n"] = 1 }];

    public static TheoryData<bool, ApiMode, int> Runs() => new()
    {
        { true, ApiMode.Sync, 1 },
        { true, ApiMode.Async, 2 },
        { false, ApiMode.Sync, 3 },
        { false, ApiMode.Async, 4 },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task Random_operation_sequences_give_the_same_results_as_the_in_memory_reference(bool inMemory, ApiMode mode, int seed)
    {
        using var folder = new TempFolder("reference");
        await using var sqlite = inMemory ? SqliteSaver.FromPath(":memory:") : SqliteSaver.FromPath(folder.NewFile("saver"));
        await using var memory = new InMemorySaver();
        var actual = new SaverApi(sqlite, mode);
        var expected = new SaverApi(memory, mode);
        await actual.SetupAsync();
        await expected.SetupAsync();

        var random = new Random(seed);
        var clock = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var threads = Enumerable.Range(0, 4).Select(i => $"t{i}-{seed}").ToList();
        var known = new List<RunConfig>();
        for (var step = 0; step < 250; step++)
        {
            clock += TimeSpan.FromSeconds(random.Next(1, 30));
            var thread = threads[random.Next(threads.Count)];
            var ns = Namespaces[random.Next(Namespaces.Length)];
            var (description, run) = random.Next(14) switch
            {
                < 5 => Put(random, thread, ns, clock, known),
                < 7 => PutWrites(random, known),
                7 => Get(random, thread, ns, known),
                < 10 => List(random, thread, ns, known),
                10 => ListThreads(random, thread),
                11 => Maintenance(random, thread, threads, clock),
                12 => DeleteForRuns(random),
                _ => ($"delete {thread}", async (SaverApi api) => { await api.DeleteThreadAsync(thread); return "ok"; }),
            };

            // The generator consumed its randomness above; both sides replay exactly the same operation.
            var expectedResult = await Capture(() => run(expected));
            var actualResult = await Capture(() => run(actual));
            Assert.True(expectedResult == actualResult, $"Step {step} ({description}) differs.\nexpected:\n{expectedResult}\nactual:\n{actualResult}");

            // Every few steps (and at the end), every thread reads back identically.
            if (step % 5 != 4)
            {
                continue;
            }

            foreach (var t in threads)
            {
                var expectedThread = Canonical.Of(await expected.ListAsync(new RunConfig(t, checkpointNs: null)));
                var actualThread = Canonical.Of(await actual.ListAsync(new RunConfig(t, checkpointNs: null)));
                Assert.True(expectedThread == actualThread, $"After step {step} ({description}) thread {t} differs.\nexpected:\n{expectedThread}\nactual:\n{actualThread}");
            }
        }
    }

    private static (string, Func<SaverApi, Task<string>>) Put(Random random, string thread, string ns, DateTimeOffset clock, List<RunConfig> known)
    {
        var parent = known.LastOrDefault(k => k.ThreadId == thread && k.CheckpointNs == ns);
        var checkpoint = new GraphCheckpoint { Id = CheckpointId.Create(known.Count, clock), Ts = GraphCheckpoint.FormatTimestamp(clock) };
        if (random.Next(5) == 0 && parent is not null)
        {
            checkpoint.Id = parent.CheckpointId!; // rewrite an existing checkpoint
        }

        var newVersions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var channel in Channels)
        {
            var version = $"{random.Next(1, 5):D32}.{random.Next(3)}";
            if (random.Next(3) > 0)
            {
                checkpoint.ChannelVersions[channel] = version;
            }

            if (random.Next(2) == 0)
            {
                checkpoint.ChannelValues[channel] = random.Next(3) switch
                {
                    0 => (object?)$"{channel}-{version}",
                    1 => new List<object?> { 1L, "two", null, version },
                    _ => null,
                };
            }

            if (random.Next(2) == 0)
            {
                newVersions[channel] = checkpoint.ChannelVersions.GetValueOrDefault(channel, version);
            }
        }

        var metadata = CheckpointMetadata.Create(CheckpointSource.Loop, known.Count);
        metadata["run_id"] = "run-" + random.Next(4);
        metadata["score"] = Scores[random.Next(Scores.Length)]?.DeepClone();
        var config = new RunConfig(thread, ns, parent?.CheckpointId);
        known.Add(new RunConfig(thread, ns, checkpoint.Id));
        return ($"put {checkpoint.Id} on {thread}/{ns}", async api => Canonical.Of(await api.PutAsync(config, checkpoint.Clone(), metadata.Clone(), newVersions)));
    }

    private static (string, Func<SaverApi, Task<string>>) Get(Random random, string thread, string ns, List<RunConfig> known)
    {
        var config = random.Next(3) == 0 && known.Count > 0 ? known[random.Next(known.Count)] : new RunConfig(thread, ns);
        return ($"get {Canonical.Of(config)}", async api => Canonical.Of(await api.GetTupleAsync(config)));
    }

    private static (string, Func<SaverApi, Task<string>>) ListThreads(Random random, string thread)
    {
        var options = new ThreadListOptions { After = random.Next(2) == 0 ? null : thread, Limit = random.Next(3) == 0 ? null : random.Next(1, 3) };
        return ($"list threads after {options.After} limit {options.Limit}", async api => Canonical.Of(await api.ListThreadsAsync(options)));
    }

    private static (string, Func<SaverApi, Task<string>>) DeleteForRuns(Random random)
    {
        var run = "run-" + random.Next(4);
        return ($"delete for {run}", async api => { await api.DeleteForRunsAsync([run]); return "ok"; });
    }

    private static (string, Func<SaverApi, Task<string>>) PutWrites(Random random, List<RunConfig> known)
    {
        if (known.Count == 0)
        {
            return ("nothing", _ => Task.FromResult("ok"));
        }

        var target = known[random.Next(known.Count)];
        var writes = Enumerable.Range(0, random.Next(1, 4))
            .Select(i => new ChannelWrite(random.Next(4) switch { 0 => SpecialChannels.Error, 1 => SpecialChannels.Interrupt, _ => Channels[random.Next(Channels.Length)] }, $"w{random.Next(100)}"))
            .ToList();
        var task = "task-" + random.Next(3);
        var path = random.Next(2) == 0 ? string.Empty : "~node";
        return ($"put writes on {Canonical.Of(target)}", async api => { await api.PutWritesAsync(target, writes, task, path); return "ok"; });
    }

    private static (string, Func<SaverApi, Task<string>>) List(Random random, string thread, string ns, List<RunConfig> known)
    {
        RunConfig? config = random.Next(4) switch
        {
            0 => null,
            1 => new RunConfig(thread, checkpointNs: null),
            _ => new RunConfig(thread, ns),
        };
        if (config is not null && random.Next(6) == 0 && known.Count > 0)
        {
            config = config with { CheckpointId = known[random.Next(known.Count)].CheckpointId };
        }

        var filter = new Dictionary<string, JsonNode?>();
        if (random.Next(3) == 0)
        {
            filter["run_id"] = "run-" + random.Next(4);
        }

        if (random.Next(3) == 0)
        {
            filter["score"] = Scores[random.Next(Scores.Length)]?.DeepClone();
        }

        var options = new CheckpointListOptions
        {
            Filter = filter,
            Limit = random.Next(3) == 0 ? null : random.Next(0, 6),
            Before = random.Next(4) == 0 && known.Count > 0 ? known[random.Next(known.Count)] : null,
        };

        // Listing every thread sees only this test's threads: each run has its own database.
        return ($"list {Canonical.Of(config)}", async api => Canonical.Of(await api.ListAsync(config, options)));
    }

    private static (string, Func<SaverApi, Task<string>>) Maintenance(Random random, string thread, List<string> threads, DateTimeOffset clock)
    {
        switch (random.Next(5))
        {
            case 0:
                var target = $"copy-{random.Next(1000)}";
                threads.Add(target);
                return ($"copy {thread} to {target}", async api => { await api.CopyThreadAsync(thread, target); return "ok"; });
            case 1:
                var other = threads[random.Next(threads.Count)];
                return ($"copy {thread} to {other}", async api => { await api.CopyThreadAsync(thread, other); return "ok"; });
            case 2:
                var keep = random.Next(1, 4);
                return ($"prune keep {keep}", async api => { await api.PruneAsync([thread, threads[0]], PruneStrategy.KeepLast(keep)); return "ok"; });
            case 3:
                var cutoff = clock - TimeSpan.FromSeconds(random.Next(0, 600));
                return ($"prune older than {cutoff:O}", async api => { await api.PruneAsync([thread], PruneStrategy.OlderThan(cutoff)); return "ok"; });
            default:
                return ("prune delete all", async api => { await api.PruneAsync([thread], PruneStrategy.DeleteAll); return "ok"; });
        }
    }

    private static async Task<string> Capture(Func<Task<string>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }
}
