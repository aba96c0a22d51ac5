using Checkpoint.Cli.Tests.Support;
using Checkpoint.ConformanceSuite;
using Checkpoint.Providers;

namespace Checkpoint.Cli.Tests;

/// <summary>
/// <c>checkpoint copy</c> from a SQLite database to a server: every checkpoint, pending write and store item arrives
/// unchanged, including what the tool cannot read (a registered type, ciphertext) and how it is stored (chunks, write
/// indexes, item times, expiry and embeddings).
/// </summary>
public sealed class CopyTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cli-copy-").FullName;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Source => Path.Combine(_directory, "source.db");

    public async ValueTask InitializeAsync() => await SourceDatabase.CreateAsync(Source);

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("redis")]
    [InlineData("redis-cluster")]
    [InlineData("sqlite")]
    public async Task Copy_moves_every_checkpoint_write_and_item_unchanged(string backend)
    {
        await using var target = Target.Create(backend, _directory);

        var result = await CliRunner.RunAsync(_directory, ["--connection", Source, "copy", .. target.ToArgs]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains($"Copied 4 threads ({SourceDatabase.Checkpoints} checkpoints, {SourceDatabase.Writes} pending writes", result.Error, StringComparison.Ordinal);
        Assert.Contains("and 4 store items", result.Error, StringComparison.Ordinal);
        Assert.Contains("Verified: every thread's checksum and every store item matches on the target.", result.Error, StringComparison.Ordinal);
        await AssertSameAsync(target);
    }

    [Fact]
    public async Task A_long_conversation_arrives_in_chunks_and_the_target_stores_each_chunk_once()
    {
        await using var target = Target.Create("sqlite", _directory);
        var result = await CliRunner.RunAsync(_directory, ["--connection", Source, "copy", "--thread", SourceDatabase.Long, .. target.ToArgs]);
        Assert.True(result.ExitCode == 0, result.All);

        // The target references exactly the chunks the source wrote (150 messages: two of 64 items, one of 16, a tail of 6).
        await using var source = SourceDatabase.OpenSaver(Source);
        var written = (await source.GetRawAsync(RunConfig.ForThread(SourceDatabase.Long), Ct))!;
        await using var saver = await target.OpenSaverAsync(TestSerializers.Plain);
        var latest = (await saver.GetRawAsync(RunConfig.ForThread(SourceDatabase.Long), Ct))!;
        var chunks = latest.Checkpoint.ChannelVersions.Where(v => RawCheckpoint.IsChunkChannel(v.Key)).OrderBy(v => v.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(4, chunks.Count);
        Assert.Equal(written.Checkpoint.ChannelVersions.Where(v => RawCheckpoint.IsChunkChannel(v.Key)).OrderBy(v => v.Key, StringComparer.Ordinal), chunks);
        var tuple = (await saver.GetTupleAsync(RunConfig.ForThread(SourceDatabase.Long), Ct))!;
        Assert.Equal(SourceDatabase.LongSteps, ((List<Microsoft.Extensions.AI.ChatMessage>)tuple.Checkpoint.ChannelValues["messages"]!).Count);
        Assert.DoesNotContain("store item", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copying_again_leaves_identical_threads_alone_and_finishes_a_partly_copied_one()
    {
        await using var target = Target.Create("postgres", _directory);
        var first = await CliRunner.RunAsync(_directory, ["--connection", Source, "copy", "--thread", SourceDatabase.Subgraphs, .. target.ToArgs]);
        Assert.True(first.ExitCode == 0, first.All);

        // An interrupted copy: the target holds only the newest checkpoints of the long thread.
        await using (var source = SourceDatabase.OpenSaver(Source))
        await using (var partial = await target.OpenSaverAsync(TestSerializers.Plain))
        {
            await foreach (var checkpoint in source.ListRawAsync(RunConfig.ForThread(SourceDatabase.Long), new CheckpointListOptions { Limit = 5 }, Ct))
            {
                await partial.PutRawAsync(checkpoint, Ct);
            }
        }

        var second = await CliRunner.RunAsync(_directory, ["--connection", Source, "copy", "--json", .. target.ToArgs]);

        Assert.True(second.ExitCode == 0, second.All);
        var outcomes = second.Json["threads"]!.AsArray().ToDictionary(t => (string)t!["thread_id"]!, t => (string)t!["outcome"]!);
        Assert.Equal("already-there", outcomes[SourceDatabase.Subgraphs]);
        Assert.Equal("copied", outcomes[SourceDatabase.Long]);
        Assert.Equal("copied", outcomes[SourceDatabase.Pending]);
        await AssertSameAsync(target);
    }

    [Fact]
    public async Task A_target_thread_with_other_checkpoints_is_left_alone_and_reported_unless_overwrite_is_given()
    {
        await using var target = Target.Create("redis", _directory);
        await using (var saver = await target.OpenSaverAsync(TestSerializers.Plain))
        {
            await saver.SetupAsync(Ct);
            var other = GraphCheckpoint.CreateEmpty();
            await saver.PutAsync(RunConfig.ForThread(SourceDatabase.Pending), other, CheckpointMetadata.Create(CheckpointSource.Input, -1), new Dictionary<string, string>(), Ct);
        }

        var refused = await CliRunner.RunAsync(_directory, ["--connection", Source, "copy", "--thread", SourceDatabase.Pending, .. target.ToArgs]);
        var replaced = await CliRunner.RunAsync(_directory, ["--connection", Source, "copy", "--thread", SourceDatabase.Pending, "--overwrite", .. target.ToArgs]);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"thread '{SourceDatabase.Pending}' exists on the target with checkpoints the source does not have", refused.Error, StringComparison.Ordinal);
        Assert.True(replaced.ExitCode == 0, replaced.All);
        await using var source = SourceDatabase.OpenSaver(Source);
        await using var copied = await target.OpenSaverAsync(TestSerializers.Plain);
        Assert.Equal(await Snapshot.OfThreadAsync(source, SourceDatabase.Pending), await Snapshot.OfThreadAsync(copied, SourceDatabase.Pending));
    }

    [Fact]
    public async Task Copied_embeddings_serve_semantic_search_on_the_target_with_no_embedding_call_during_the_copy()
    {
        await using var target = Target.Create("postgres", _directory);
        var result = await CliRunner.RunAsync(_directory, ["--connection", Source, "copy", "--store-only", .. target.ToArgs]);
        Assert.True(result.ExitCode == 0, result.All);

        await using var store = await target.OpenStoreAsync(new StoreOptions { Index = new StoreIndexOptions { EmbeddingGenerator = new FakeEmbeddingGenerator(), Dimensions = 64, Fields = ["text"] } });
        var hits = await store.SearchAsync(["memories"], query: "green tea", limit: 3, cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal("name", hits[0].Key);
        Assert.Equal(new StoreNamespace(["memories", "alice"]), hits[0].Namespace);
        Assert.NotNull(hits[0].Score);
        Assert.Null(hits.Single(h => h.Namespace == new StoreNamespace(["memories", "bob"])).Score);
    }

    private async Task AssertSameAsync(Target target)
    {
        foreach (var thread in SourceDatabase.Threads)
        {
            var serializer = thread == SourceDatabase.Secret ? (ICheckpointSerializer)TestSerializers.Encrypted : TestSerializers.Plain;
            await using var source = SourceDatabase.OpenSaver(Source, thread == SourceDatabase.Secret);
            await using var copied = await target.OpenSaverAsync(serializer);
            var expected = await Snapshot.OfThreadAsync(source, thread);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, await Snapshot.OfThreadAsync(copied, thread));
        }

        await using var sourceStore = new Sqlite.SqliteStore($"Data Source={Source}");
        await using var targetStore = await target.OpenStoreAsync();
        var items = await Snapshot.OfStoreAsync(sourceStore);
        Assert.Equal(4, items.Count);
        Assert.Equal(items, await Snapshot.OfStoreAsync(targetStore));
    }
}
