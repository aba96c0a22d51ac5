using System.Text.Json.Nodes;
using Checkpoint.ConformanceSuite;
using Checkpoint.Sqlite;
using Microsoft.Extensions.AI;

namespace Checkpoint.Cli.Tests.Support;

/// <summary>
/// The SQLite database the tests copy, verify and export: several threads written the way applications write them —
/// a long conversation (its message list stored in chunks), subgraph namespaces, pending writes to regular and special
/// channels, values of a type the tool does not know, an encrypted thread — and store items with TTLs and embeddings.
/// </summary>
public static class SourceDatabase
{
    public const string Long = "long conversation";
    public const string Subgraphs = "subgraphs";
    public const string Pending = "pending";
    public const string Secret = "secret";

    public const int LongSteps = 150;

    /// <summary>The checkpoints of all threads: the long conversation, 8 in the subgraph thread, 1 with pending writes, 3 encrypted.</summary>
    public const int Checkpoints = LongSteps + 8 + 1 + 3;

    /// <summary>The pending writes of all threads.</summary>
    public const int Writes = 8 + 1;

    /// <summary>Gets every thread the source holds.</summary>
    public static IReadOnlyList<string> Threads { get; } = [Long, Subgraphs, Pending, Secret];

    /// <summary>Creates the database file.</summary>
    /// <param name="path">Where.</param>
    /// <returns>A task that completes when it is written.</returns>
    public static async Task CreateAsync(string path)
    {
        var connection = $"Data Source={path}";
        await using (var saver = new SqliteSaver(connection, new SqliteSaverOptions { Serializer = TestSerializers.Plain }))
        {
            await saver.SetupAsync();
            await WriteLongAsync(saver);
            await WriteSubgraphsAsync(saver);
            await WritePendingAsync(saver);
        }

        await using (var encrypted = new SqliteSaver(connection, new SqliteSaverOptions { Serializer = TestSerializers.Encrypted }))
        {
            await WriteSecretAsync(encrypted);
        }

        await using var store = new SqliteStore(connection, new SqliteStoreOptions
        {
            Index = new StoreIndexOptions { EmbeddingGenerator = new FakeEmbeddingGenerator(), Dimensions = 64, Fields = ["text"] },
        });
        await store.SetupAsync();
        await store.PutAsync(["memories", "alice"], "name", new JsonObject { ["text"] = "Alice likes green tea" }, ttl: TimeSpan.FromDays(30));
        await store.PutAsync(["memories", "alice"], "city", new JsonObject { ["text"] = "Alice lives in Lyon" });
        await store.PutAsync(["memories", "bob"], "name", new JsonObject { ["text"] = "Bob plays chess", ["score"] = 1.5 }, ItemIndexing.Disabled, TimeSpan.FromHours(6));
        await store.PutAsync(["profiles"], "bob", new JsonObject { ["nested"] = new JsonObject { ["list"] = new JsonArray(1, 2, 3) } });
    }

    /// <summary>Opens a saver that reads the source's values (it knows the registered type).</summary>
    public static SqliteSaver OpenSaver(string path, bool encrypted = false) =>
        new($"Data Source={path}", new SqliteSaverOptions { Serializer = encrypted ? TestSerializers.Encrypted : TestSerializers.Plain });

    /// <summary>A checkpoint id for a number: fixed (tests name checkpoints by it) and increasing with it.</summary>
    public static string Id(int number) => $"1f0e6a60-0000-6000-8000-{number:D12}";

    private static async Task WriteLongAsync(SqliteSaver saver)
    {
        var config = RunConfig.ForThread(Long);
        var messages = new List<ChatMessage>();
        for (var step = 0; step < LongSteps; step++)
        {
            messages.Add(new ChatMessage(step % 2 == 0 ? ChatRole.User : ChatRole.Assistant, $"message {step}: " + new string('x', 250)));
            var checkpoint = Checkpoint(Id(step), step);
            checkpoint.ChannelValues["messages"] = new List<ChatMessage>(messages);
            checkpoint.ChannelValues["todo"] = new Todo($"step {step}", step % 3 == 0);
            checkpoint.ChannelValues["count"] = step;
            var versions = new Dictionary<string, string> { ["messages"] = Version(step), ["count"] = Version(step) };
            if (step % 10 == 0)
            {
                versions["todo"] = Version(step);
            }

            foreach (var (channel, version) in versions)
            {
                checkpoint.ChannelVersions[channel] = version;
            }

            checkpoint.ChannelVersions.TryAdd("todo", Version(step / 10 * 10));
            config = await saver.PutAsync(config, checkpoint, CheckpointMetadata.Create(CheckpointSource.Loop, step), versions);
        }
    }

    private static async Task WriteSubgraphsAsync(SqliteSaver saver)
    {
        var root = await saver.PutAsync(RunConfig.ForThread(Subgraphs), Simple(Id(0), 0, "root"), CheckpointMetadata.Create(CheckpointSource.Input, 0), Versions(0));
        foreach (var ns in new[] { "child:task-1", "child:task-1|grand:task-2" })
        {
            var config = new RunConfig(Subgraphs, ns);
            for (var step = 1; step <= 3; step++)
            {
                config = await saver.PutAsync(config, Simple(Id(step + (ns.Length * 10)), step, ns), CheckpointMetadata.Create(CheckpointSource.Loop, step), Versions(step));
            }
        }

        await saver.PutAsync(root, Simple(Id(500), 1, "root again"), CheckpointMetadata.Create(CheckpointSource.Loop, 1), Versions(1));
    }

    private static async Task WritePendingAsync(SqliteSaver saver)
    {
        var config = await saver.PutAsync(RunConfig.ForThread(Pending), Simple(Id(0), 0, "start"), CheckpointMetadata.Create(CheckpointSource.Input, 0), Versions(0));
        await saver.PutWritesAsync(config, [new("messages", "a"), new("todo", new Todo("from a task", false))], "task-a", "~__pregel_pull, node_a");
        await saver.PutWritesAsync(config, [new(SpecialChannels.Error, "boom: the model timed out")], "task-b", "~__pregel_pull, node_b");

        // A special write between regular ones leaves a gap in the regular indexes (0, 2): it must survive as it is.
        await saver.PutWritesAsync(config, [new("x", 1), new(SpecialChannels.Interrupt, new JsonObject { ["value"] = "approve?" }), new("y", 2)], "task-c");
        await saver.PutWritesAsync(config, [new(SpecialChannels.Resume, "yes"), new(SpecialChannels.Scheduled, true)], "task-d");
    }

    private static async Task WriteSecretAsync(SqliteSaver saver)
    {
        var config = RunConfig.ForThread(Secret);
        for (var step = 0; step < 3; step++)
        {
            config = await saver.PutAsync(config, Simple(Id(step), step, $"secret {step}"), CheckpointMetadata.Create(CheckpointSource.Loop, step), Versions(step));
        }

        await saver.PutWritesAsync(config, [new("value", "a secret write")], "task-s");
    }

    private static GraphCheckpoint Simple(string id, int step, string text)
    {
        var checkpoint = Checkpoint(id, step);
        checkpoint.ChannelValues["value"] = text;
        checkpoint.ChannelValues["todo"] = new Todo(text, false);
        checkpoint.ChannelVersions["value"] = Version(step);
        checkpoint.ChannelVersions["todo"] = Version(step);
        return checkpoint;
    }

    private static Dictionary<string, string> Versions(int step) => new() { ["value"] = Version(step), ["todo"] = Version(step) };

    private static GraphCheckpoint Checkpoint(string id, int step) => new()
    {
        Id = id,
        Ts = GraphCheckpoint.FormatTimestamp(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(step)),
    };

    public static string Version(int step) => $"{step + 1:D32}.0000000000000000";
}
