namespace Checkpoint.ConformanceSuite;

/// <summary>
/// The class fixture of <see cref="ListMatrixTests"/>: one fresh, isolated database seeded once with 16 checkpoint
/// tuples (4 threads x 2 namespaces x parent and child), read by every case and removed when the class is done.
/// </summary>
/// <remarks>
/// Checkpoint ids are deliberately shared between threads and namespaces (as copied threads share them), so the
/// tie-breaks of the list order (thread id, then namespace) decide what a limit keeps. Threads are written in an order
/// that is neither ordinal nor reverse ordinal.
/// </remarks>
public sealed class ListMatrixSeed : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TestDatabase? _database;
    private BaseCheckpointSaver? _saver;
    private ListMatrixData? _data;

    /// <summary>Creates and seeds the database on first use; later calls return the same data.</summary>
    /// <param name="testStore">The backend under test.</param>
    /// <returns>The saver over the seeded database and what was stored.</returns>
    public async Task<ListMatrixData> GetAsync(CheckpointTestStore testStore)
    {
        ArgumentNullException.ThrowIfNull(testStore);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return _data ??= await SeedAsync(testStore).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_saver is not null)
        {
            await _saver.DisposeAsync().ConfigureAwait(false);
        }

        if (_database is not null)
        {
            await _database.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }

    private async Task<ListMatrixData> SeedAsync(CheckpointTestStore testStore)
    {
        _database ??= await testStore.CreateDatabaseAsync().ConfigureAwait(false);
        _saver ??= _database.CreateSaver();
        await _saver.SetupAsync().ConfigureAwait(false);

        var ids = Enumerable.Range(0, 4).Select(_ => CheckpointId.Create()).ToArray();
        string[] threads = ["matrix-b", "matrix-d", "matrix-a", "matrix-c"];

        // (thread, namespace) -> (parent id, child id); ids repeat across threads and namespaces on purpose.
        var chains = new Dictionary<(string Thread, string Ns), (string Parent, string Child)>
        {
            [(threads[0], string.Empty)] = (ids[0], ids[1]),
            [(threads[0], "child")] = (ids[0], ids[1]),
            [(threads[1], string.Empty)] = (ids[0], ids[1]),
            [(threads[1], "child")] = (ids[2], ids[3]),
            [(threads[2], string.Empty)] = (ids[2], ids[3]),
            [(threads[2], "child")] = (ids[1], ids[2]),
            [(threads[3], string.Empty)] = (ids[1], ids[3]),
            [(threads[3], "child")] = (ids[0], ids[2]),
        };

        var stored = new List<CheckpointTuple>();
        foreach (var ((threadId, checkpointNs), (parentId, childId)) in chains)
        {
            stored.AddRange(await PutPairAsync(_saver, threadId, checkpointNs, parentId, childId).ConfigureAwait(false));
        }

        var (beforeParent, beforeChild) = chains[(threads[1], "child")];
        return new ListMatrixData(
            _saver,
            threads,
            stored,
            new RunConfig(threads[1], "child", beforeParent),
            new RunConfig(threads[1], "child", beforeChild));
    }

    private static async Task<CheckpointTuple[]> PutPairAsync(BaseCheckpointSaver saver, string threadId, string checkpointNs, string parentId, string childId)
    {
        var versionsSeen = new Dictionary<string, Dictionary<string, string>> { [string.Empty] = new() { ["someChannel"] = "1" } };
        var parent = TestData.Checkpoint(
            new Dictionary<string, object?> { ["animals"] = new List<string> { "dog" }, ["where"] = $"{threadId}/{checkpointNs}/parent" },
            versionsSeen: versionsSeen);
        parent.Id = parentId;
        var child = TestData.Checkpoint(
            new Dictionary<string, object?> { ["animals"] = new List<string> { "dog", "fish" }, ["where"] = $"{threadId}/{checkpointNs}/child" },
            new Dictionary<string, string> { ["animals"] = "2", ["where"] = "2" },
            versionsSeen);
        child.Id = childId;
        var parentMetadata = TestData.Metadata(CheckpointSource.Input, -1);
        var childMetadata = CheckpointMetadata.Create(CheckpointSource.Loop, 0, new Dictionary<string, string> { [checkpointNs] = parentId });
        PendingWrite parentWrite = new("pending_sends_task", SpecialChannels.Tasks, new List<string> { "add_fish" });
        PendingWrite childWrite = new("add_fish", "animals", new List<string> { "dog", "fish" });

        var parentConfig = await saver.PutAsync(new RunConfig(threadId, checkpointNs), parent, parentMetadata, TestData.AllVersions(parent)).ConfigureAwait(false);
        await saver.PutWritesAsync(parentConfig, [new(parentWrite.Channel, parentWrite.Value)], parentWrite.TaskId).ConfigureAwait(false);
        var childConfig = await saver.PutAsync(parentConfig, child, childMetadata, TestData.AllVersions(child)).ConfigureAwait(false);
        await saver.PutWritesAsync(childConfig, [new(childWrite.Channel, childWrite.Value)], childWrite.TaskId).ConfigureAwait(false);

        return
        [
            new CheckpointTuple(parentConfig, parent, parentMetadata, null, [parentWrite]),
            new CheckpointTuple(childConfig, child, childMetadata, parentConfig, [childWrite]),
        ];
    }
}
