using Checkpoint.Interop.Tests.Harness;
using Checkpoint.Interop.Tests.StoreDifferential;

namespace Checkpoint.Interop.Tests;

/// <summary>
/// The differential tier: seeded random sequences of store operations (puts, deletes, gets, filtered and paged
/// searches, namespace listings with prefixes, suffixes and depths) run against LangGraph.js's own
/// <c>InMemoryStore</c> and against each of our stores, every answer compared after normalising only what
/// docs/contracts.md declares different. A disagreement fails with the shortest sequence that still reproduces it.
/// </summary>
/// <param name="fixture">The class's LangGraph.js harness.</param>
public sealed class StoreDifferentialTests(NodeHarnessFixture fixture) : InteropTest(fixture)
{
    private const int Sequences = 6;
    private const int StepsPerSequence = 50;

    [Theory]
    [InlineData("in-memory")]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    [InlineData("redis")]
    [InlineData("mongo")]
    public async Task Random_store_sequences_answer_as_LangGraph_js_InMemoryStore_does(string backend)
    {
        await using var opened = await DifferentialBackend.OpenAsync(backend);
        var runner = new StoreDifferentialRunner(Node, opened.Store, opened.Clock);
        for (var seed = 1; seed <= Sequences; seed++)
        {
            var steps = new StoreStepGenerator(seed).Next(StepsPerSequence);
            if (await runner.RunAsync(steps, CancellationToken) is { } mismatch)
            {
                var (shortest, shrunk) = await runner.ShrinkAsync(steps, mismatch, CancellationToken);
                Assert.Fail(StoreDifferentialRunner.Describe(backend, seed, shortest, shrunk));
            }
        }

        // The sequences must exercise what they compare: hits, non-empty result pages and listings.
        foreach (var kind in new[] { StoreStepKind.Get, StoreStepKind.Search, StoreStepKind.List })
        {
            Assert.True(runner.NonEmptyAnswers.GetValueOrDefault(kind) >= 10, $"Only {runner.NonEmptyAnswers.GetValueOrDefault(kind)} {kind} steps had a non-empty answer.");
        }
    }

    [Fact]
    public async Task A_disagreement_is_reported_with_a_shrunk_sequence()
    {
        // A store that ignores offsets disagrees on any search that skips a match: the shrinker must cut the long
        // sequence down to the few steps that show it.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var runner = new StoreDifferentialRunner(Node, new OffsetIgnoringStore(new StoreOptions { TimeProvider = clock }), clock);
        var steps = new StoreStepGenerator(7).Next(40);
        steps.Add(new StoreStep(StoreStepKind.Put, ["p"], "k1", new() { ["n"] = 1 }));
        steps.Add(new StoreStep(StoreStepKind.Put, ["p"], "k2", new() { ["n"] = 2 }));
        steps.Add(new StoreStep(StoreStepKind.Search, ["p"], Limit: 1, Offset: 1));

        var mismatch = await runner.RunAsync(steps, CancellationToken);

        Assert.NotNull(mismatch);
        var (shortest, shrunk) = await runner.ShrinkAsync(steps, mismatch, CancellationToken);
        Assert.InRange(shortest.Count, 2, 3);
        Assert.Equal(StoreStepKind.Search, shortest[^1].Kind);
        Assert.Null(await runner.RunAsync(shortest.Take(shortest.Count - 1).ToList(), CancellationToken));
        Assert.Contains("=> search", StoreDifferentialRunner.Describe("offset-ignoring", 7, shortest, shrunk), StringComparison.Ordinal);
    }
}
