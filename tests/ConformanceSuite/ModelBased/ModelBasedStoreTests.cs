using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// The second tier for stores: seeded random sequences of puts (with and without TTL and indexing), deletes, gets,
/// searches (prefixes, filters, pages, queries), namespace listings, clock advances, sweeps and batches, replayed on
/// the backend (each replay on a fresh database) and on a fresh <see cref="InMemoryStore"/> sharing one fake clock.
/// Every result and the whole content are compared after each operation; a difference is shrunk to the shortest
/// failing sequence, printed with its seed. Seeds and lengths come from <see cref="ModelSettings"/>.
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class ModelBasedStoreTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    [Theory, BothModes]
    public virtual async Task Random_operation_sequences_behave_like_the_in_memory_reference(ApiMode mode)
    {
        TestStore.EnsureAvailable();
        var steps = ModelSettings.Steps(StoreModel.DefaultSteps);

        foreach (var seed in ModelSettings.Seeds)
        {
            var result = await StoreModel.CheckAsync(seed, steps, mode, CreateBackendAsync);

            Assert.True(result.Passed, result.Describe("Store model"));
        }
    }

    // Every replay gets its own database: sweeps remove expired items everywhere and report how many, so a shared
    // database would make counts (and other tests) depend on each other.
    private async Task<BaseStore> CreateBackendAsync(StoreOptions options)
    {
        var database = await CreateDatabaseAsync();
        var store = database.CreateStore(options);
        await store.SetupAsync(CancellationToken);
        return store;
    }
}
