using Checkpoint.ConformanceSuite;

namespace Checkpoint.Abstractions.Tests.ModelBased;

public sealed class ShrinkerTests
{
    [Fact]
    public async Task Shrinker_keeps_only_the_operations_the_failure_needs()
    {
        var sequence = Enumerable.Range(0, 60).ToList();
        var replays = 0;

        // Fails once 7 and 41 have both run, at the position of the later one.
        Task<ModelFailure?> Replay(IReadOnlyList<int> candidate)
        {
            replays++;
            var last = candidate.ToList().IndexOf(41);
            return Task.FromResult(candidate.Contains(7) && last >= 0 ? new ModelFailure(last, "41", "result", "a", "b") : null);
        }

        var (shortest, failure, spent) = await SequenceShrinker.ShrinkAsync(sequence, (await Replay(sequence))!, Replay);

        Assert.Equal([7, 41], shortest);
        Assert.Equal(1, failure.StepIndex);
        Assert.Equal(replays - 1, spent);
    }

    [Theory]
    [InlineData(ApiMode.Sync)]
    [InlineData(ApiMode.Async)]
    public async Task Store_model_finds_a_store_that_ignores_offsets_and_reports_a_short_sequence(ApiMode mode)
    {
        var result = await FirstFailureAsync(seed => StoreModel.CheckAsync(seed, 60, mode, options => Task.FromResult<BaseStore>(new OffsetIgnoringStore(new InMemoryStore(options)))));

        var message = result.Describe("Store model");
        Assert.InRange(result.ShortestSequence.Count, 1, 3);
        Assert.Contains(result.ShortestSequence, s => s.Contains("search", StringComparison.Ordinal) && !s.Contains("offset=0", StringComparison.Ordinal));
        Assert.Contains($"seed {result.Seed}", message, StringComparison.Ordinal);
        Assert.Contains($"{ModelSettings.SeedVariable}={result.Seed}", message, StringComparison.Ordinal);
        Assert.All(result.ShortestSequence, s => Assert.Contains($"\n  {result.ShortestSequence.ToList().IndexOf(s) + 1,3}. {s}\n", message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ApiMode.Sync)]
    [InlineData(ApiMode.Async)]
    public async Task Checkpointer_model_finds_a_saver_that_ignores_before_and_reports_a_short_sequence(ApiMode mode)
    {
        var result = await FirstFailureAsync(seed => CheckpointerModel.CheckAsync(seed, 60, mode, () => new DelegatingSaver(new InMemorySaver(), ignoreBefore: true)));

        var message = result.Describe("Checkpointer model");
        Assert.InRange(result.ShortestSequence.Count, 2, 3);
        Assert.StartsWith("put ", result.ShortestSequence[0], StringComparison.Ordinal);
        Assert.StartsWith("list ", result.ShortestSequence[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("before=none", result.ShortestSequence[^1], StringComparison.Ordinal);
        Assert.Contains($"seed {result.Seed}", message, StringComparison.Ordinal);
        Assert.Contains(result.ShortestSequence[^1], message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_delegating_saver_unbroken_matches_the_reference()
    {
        foreach (var seed in ModelSettings.DefaultSeeds)
        {
            var result = await CheckpointerModel.CheckAsync(seed, 60, ApiMode.Async, () => new DelegatingSaver(new InMemorySaver(), ignoreBefore: false));
            Assert.True(result.Passed, result.Describe("Checkpointer model"));
        }
    }

    private static async Task<ModelCheckResult> FirstFailureAsync(Func<int, Task<ModelCheckResult>> check)
    {
        for (var seed = 1; seed <= 50; seed++)
        {
            var result = await check(seed);
            if (!result.Passed)
            {
                return result;
            }
        }

        throw new InvalidOperationException("No seed from 1 to 50 found the deliberate bug.");
    }
}
