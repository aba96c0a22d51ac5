using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// The store model: seeded random operation sequences replayed side by side on a backend store (on a fresh database)
/// and a fresh <see cref="InMemoryStore"/> sharing one fake clock, comparing every result and the whole content after
/// every operation (items with their timestamps; scores within a tolerance).
/// </summary>
public static class StoreModel
{
    /// <summary>The default number of operations per seed.</summary>
    public const int DefaultSteps = 80;

    /// <summary>Generates the operation sequence of a seed; the first <c>n</c> operations are the same for any length.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="steps">How many operations.</param>
    /// <returns>The operations.</returns>
    public static IReadOnlyList<StoreStep> Generate(int seed, int steps) => new StoreGenerator(seed).Generate(steps);

    /// <summary>Replays operations on a new backend store and a new reference.</summary>
    /// <param name="steps">The operations.</param>
    /// <param name="profile">The options both stores get.</param>
    /// <param name="mode">The API to drive.</param>
    /// <param name="createBackend">Creates the store under test over the given options, set up and empty; disposed after the replay.</param>
    /// <returns>The first difference, or <see langword="null"/> when everything matched.</returns>
    public static async Task<ModelFailure?> ReplayAsync(IReadOnlyList<StoreStep> steps, StoreModelProfile profile, ApiMode mode, Func<StoreOptions, Task<BaseStore>> createBackend)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(createBackend);
        var run = new StoreRun(new FakeTimeProvider(StoreTestData.ClockStart));
        var backendStore = await createBackend(profile.CreateOptions(run.Clock)).ConfigureAwait(false);
        try
        {
            using var referenceStore = new InMemoryStore(profile.CreateOptions(run.Clock));
            var backend = new StoreApi(backendStore, mode);
            var reference = new StoreApi(referenceStore, mode);
            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                if (step is AdvanceClockStep advance)
                {
                    run.Clock.Advance(advance.By);
                }

                var expected = await ObserveAsync(() => step.ApplyAsync(reference, run)).ConfigureAwait(false);
                var actual = await ObserveAsync(() => step.ApplyAsync(backend, run)).ConfigureAwait(false);
                if (!expected.Matches(actual))
                {
                    return new ModelFailure(i, step.ToString(), "its result", run.Display(expected.Render()), run.Display(actual.Render()));
                }

                var expectedState = await SnapshotAsync(reference, run).ConfigureAwait(false);
                var actualState = await SnapshotAsync(backend, run).ConfigureAwait(false);
                if (!expectedState.Matches(actualState))
                {
                    return new ModelFailure(i, step.ToString(), "the store's content (every live item and namespace)", run.Display(expectedState.Render()), run.Display(actualState.Render()));
                }
            }

            return null;
        }
        finally
        {
            await backendStore.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Checks one seed; on a difference, shrinks the sequence to the shortest one that still fails.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="steps">How many operations to generate.</param>
    /// <param name="mode">The API to drive.</param>
    /// <param name="createBackend">Creates a store under test, set up and empty, for each replay.</param>
    /// <param name="maxReplays">The most replays shrinking may spend.</param>
    /// <returns>The result.</returns>
    public static async Task<ModelCheckResult> CheckAsync(int seed, int steps, ApiMode mode, Func<StoreOptions, Task<BaseStore>> createBackend, int maxReplays = 300)
    {
        var profile = StoreModelProfile.ForSeed(seed);
        var sequence = Generate(seed, steps);
        var failure = await ReplayAsync(sequence, profile, mode, createBackend).ConfigureAwait(false);
        if (failure is null)
        {
            return new ModelCheckResult(seed, mode, steps, [], null, 0, $"store options: {profile}");
        }

        var (shortest, shortestFailure, replays) = await SequenceShrinker.ShrinkAsync(sequence, failure, c => ReplayAsync(c, profile, mode, createBackend), maxReplays).ConfigureAwait(false);

        // Then drop the operations inside batches that the failure does not need.
        var current = shortest.ToList();
        for (var i = 0; i < current.Count; i++)
        {
            for (var j = current[i] is StoreBatchStep batch ? batch.Steps.Count - 1 : -1; j >= 0 && replays < maxReplays; j--)
            {
                var inner = ((StoreBatchStep)current[i]).Steps;
                if (inner.Count < 2)
                {
                    break;
                }

                var candidate = current.ToList();
                candidate[i] = new StoreBatchStep([.. inner.Where((_, k) => k != j)]);
                replays++;
                if (await ReplayAsync(candidate, profile, mode, createBackend).ConfigureAwait(false) is { } smaller && smaller.StepIndex == shortestFailure.StepIndex)
                {
                    current = candidate;
                    shortestFailure = smaller;
                }
            }
        }

        return new ModelCheckResult(seed, mode, steps, [.. current.Select(s => s.ToString())], shortestFailure, replays, $"store options: {profile}");
    }

    /// <summary>Renders a batch result: an item, search results, namespaces or nothing.</summary>
    /// <param name="result">The result.</param>
    /// <param name="run">The replay.</param>
    /// <returns>The observation.</returns>
    public static ModelObservation Render(object? result, StoreRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return result switch
        {
            null => ModelObservation.Of("null"),
            IReadOnlyList<SearchItem> items => new ModelObservation(
                $"{items.Count} items\n{string.Join('\n', items.Select(i => Render(i, run)))}",
                [.. items.Select(i => i.Score)]),
            IReadOnlyList<StoreNamespace> namespaces => ModelObservation.Of($"{namespaces.Count} namespaces\n{string.Join('\n', namespaces.Select(n => n.ToString()))}"),
            Item item => ModelObservation.Of(Render(item, run)),
            _ => ModelObservation.Of($"unexpected result {result.GetType().Name}"),
        };
    }

    private static string Render(Item item, StoreRun run) =>
        new StringBuilder()
            .Append(item.Namespace).Append(' ').Append(item.Key)
            .Append(" value=").Append(ModelCanonical.Json(item.Value))
            .Append(" created=").Append(ModelCanonical.Time(item.CreatedAt))
            .Append(" updated=").Append(ModelCanonical.Time(item.UpdatedAt))
            .Append(item is SearchItem { Score: null } ? " unscored" : item is SearchItem ? " scored" : string.Empty)
            .ToString();

    private static async Task<ModelObservation> SnapshotAsync(StoreApi store, StoreRun run)
    {
        var items = await ObserveAsync(async () => Render(await store.SearchAsync(run.Root, limit: 10_000, refreshTtl: false).ConfigureAwait(false), run)).ConfigureAwait(false);
        var namespaces = await ObserveAsync(async () => Render(await store.ListNamespacesAsync(run.Root, limit: 10_000).ConfigureAwait(false), run)).ConfigureAwait(false);
        return new ModelObservation(items.Text + "\n" + namespaces.Text, items.Scores);
    }

    private static async Task<ModelObservation> ObserveAsync(Func<Task<ModelObservation>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ModelObservation.Of(ModelCanonical.Exception(e));
        }
    }
}
