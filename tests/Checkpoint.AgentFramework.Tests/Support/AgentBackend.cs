using Checkpoint.ConformanceSuite;
using Microsoft.Extensions.Time.Testing;

namespace Checkpoint.AgentFramework.Tests.Support;

/// <summary>A <see cref="TestBackend"/> whose stores run on a fake clock, with semantic search over the kit's offline embedder.</summary>
/// <param name="storage">The data.</param>
public sealed class AgentBackend(TestStorage storage) : TestBackend(storage)
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public FakeEmbeddingGenerator Embeddings { get; } = new();

    /// <summary>Opens a backend.</summary>
    /// <param name="name">The backend, one of <see cref="TestBackend.Names"/>.</param>
    /// <returns>The backend, set up.</returns>
    public static new async Task<AgentBackend> CreateAsync(string name)
    {
        var backend = new AgentBackend(TestStorage.Create(name));
        await backend.ReopenAsync();
        return backend;
    }

    protected override void ConfigureStore(StoreOptions options)
    {
        options.TimeProvider = Clock;
        options.Index = new StoreIndexOptions { EmbeddingGenerator = Embeddings, Dimensions = Embeddings.Dimensions };
    }
}
