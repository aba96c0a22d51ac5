namespace Checkpoint.Graph.Tests.Support;

/// <summary>
/// A checkpointer and a store over one storage that outlives them: <see cref="Reopen"/> builds new saver and store
/// objects over the same data, as a restarted process would.
/// </summary>
public abstract class GraphBackend : IAsyncDisposable
{
    /// <summary>The backends every scenario runs against.</summary>
    public static TheoryData<string> Names => ["memory"];

    public abstract string Name { get; }

    public BaseCheckpointSaver Saver { get; private set; } = null!;

    public BaseStore Store { get; private set; } = null!;

    public static async Task<GraphBackend> CreateAsync(string name)
    {
        GraphBackend backend = name switch
        {
            "memory" => new MemoryBackend(),
            _ => throw new ArgumentException($"Unknown backend '{name}'.", nameof(name)),
        };
        await backend.ReopenAsync();
        return backend;
    }

    /// <summary>Disposes the current saver and store and opens new ones over the same storage.</summary>
    public async Task ReopenAsync()
    {
        await DisposeCurrentAsync();
        (Saver, Store) = Open();
        await Saver.SetupAsync(TestContext.Current.CancellationToken);
        await Store.SetupAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeCurrentAsync();
        await DisposeStorageAsync();
        GC.SuppressFinalize(this);
    }

    protected abstract (BaseCheckpointSaver Saver, BaseStore Store) Open();

    protected virtual ValueTask DisposeStorageAsync() => ValueTask.CompletedTask;

    private async Task DisposeCurrentAsync()
    {
        if (Saver is not null)
        {
            await Saver.DisposeAsync();
            await Store.DisposeAsync();
        }
    }
}
