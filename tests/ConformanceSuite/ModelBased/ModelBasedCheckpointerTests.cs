using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// The second tier for checkpointers: seeded random sequences of every operation (put, put-writes, get, list,
/// delete, copy, prune, delete-for-runs, delta history) replayed on the backend and on a fresh
/// <see cref="InMemorySaver"/>, with every result and every thread's state compared after each operation. A
/// difference is shrunk to the shortest failing sequence, printed with its seed. Seeds and lengths come from
/// <see cref="ModelSettings"/>.
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class ModelBasedCheckpointerTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    [Theory, BothModes]
    public virtual async Task Random_operation_sequences_behave_like_the_in_memory_reference(ApiMode mode)
    {
        TestStore.EnsureAvailable();
        var steps = ModelSettings.Steps(CheckpointerModel.DefaultSteps);

        foreach (var seed in ModelSettings.Seeds)
        {
            var result = await CheckpointerModel.CheckAsync(seed, steps, mode, () => TestStore.CreateSaver());

            Assert.True(result.Passed, result.Describe("Checkpointer model"));
        }
    }
}
