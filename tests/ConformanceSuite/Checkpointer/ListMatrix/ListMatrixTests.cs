using System.Text.Json.Nodes;
using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// List across threads: the combinatorial matrix of JS J36 (thread in {none, each of 4 threads, unknown} x namespace
/// in {unspecified, "", "child"} x limit in {none, 1, 2} x before in {none, parent, child} x filter in
/// {none, {}, source=input, source=loop}: 648 cases, each in both modes), every case asserting the exact tuples in the
/// exact contract order (id descending, then thread, then namespace), plus listing with no config at all.
/// Runs on one isolated database seeded once per class (<see cref="ListMatrixSeed"/>).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class ListMatrixTests(CheckpointFixture fixture) : ConformanceTest(fixture), IClassFixture<ListMatrixSeed>
{
    [Theory, ListMatrixCases]
    public virtual async Task List_returns_exactly_the_matching_tuples_in_contract_order(
        ApiMode mode,
        ListMatrixThread thread,
        ListMatrixNamespace checkpointNs,
        int? limit,
        ListMatrixBefore before,
        ListMatrixFilter filter)
    {
        var data = await GetSeedAsync();
        var saver = new SaverApi(data.Saver, mode);
        var threadId = thread switch
        {
            ListMatrixThread.None => null,
            ListMatrixThread.Unknown => NewThreadId(),
            _ => data.ThreadIds[(int)thread - (int)ListMatrixThread.First],
        };
        var ns = checkpointNs switch
        {
            ListMatrixNamespace.Root => string.Empty,
            ListMatrixNamespace.Child => "child",
            _ => null,
        };
        var beforeConfig = before switch
        {
            ListMatrixBefore.Parent => data.BeforeParent,
            ListMatrixBefore.Child => data.BeforeChild,
            _ => null,
        };
        var (filterMap, source) = filter switch
        {
            ListMatrixFilter.Empty => (new Dictionary<string, JsonNode?>(), null),
            ListMatrixFilter.SourceInput => (new Dictionary<string, JsonNode?> { ["source"] = "input" }, CheckpointSource.Input),
            ListMatrixFilter.SourceLoop => (new Dictionary<string, JsonNode?> { ["source"] = "loop" }, CheckpointSource.Loop),
            _ => ((Dictionary<string, JsonNode?>?)null, (string?)null),
        };

        var actual = await saver.ListAsync(
            new RunConfig(threadId, ns),
            new CheckpointListOptions { Filter = filterMap, Before = beforeConfig, Limit = limit });

        var expected = data.Stored
            .Where(t => threadId is null || t.Config.ThreadId == threadId)
            .Where(t => ns is null || t.Config.CheckpointNs == ns)
            .Where(t => beforeConfig is null || string.CompareOrdinal(t.Checkpoint.Id, beforeConfig.CheckpointId) < 0)
            .Where(t => source is null || t.Metadata.Source == source)
            .OrderByDescending(t => t.Checkpoint.Id, StringComparer.Ordinal)
            .ThenBy(t => t.Config.ThreadId, StringComparer.Ordinal)
            .ThenBy(t => t.Config.CheckpointNs, StringComparer.Ordinal)
            .Take(limit ?? int.MaxValue)
            .ToList();
        TupleAssert.SequenceEqual(expected, actual);
    }

    [Theory, BothModes]
    public virtual async Task List_without_config_returns_every_checkpoint_of_every_thread_in_contract_order(ApiMode mode)
    {
        var data = await GetSeedAsync();
        var saver = new SaverApi(data.Saver, mode);

        var all = await saver.ListAsync(null);
        var firstThree = await saver.ListAsync(null, new CheckpointListOptions { Limit = 3 });

        var expected = data.Stored
            .OrderByDescending(t => t.Checkpoint.Id, StringComparer.Ordinal)
            .ThenBy(t => t.Config.ThreadId, StringComparer.Ordinal)
            .ThenBy(t => t.Config.CheckpointNs, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(16, all.Count);
        TupleAssert.SequenceEqual(expected, all);
        TupleAssert.SequenceEqual(expected.Take(3).ToList(), firstThree);
    }

    [Theory, BothModes]
    public virtual async Task List_across_threads_with_checkpoint_id_returns_that_id_in_every_thread_and_namespace(ApiMode mode)
    {
        var data = await GetSeedAsync();
        var saver = new SaverApi(data.Saver, mode);
        var id = data.BeforeParent.CheckpointId;

        var results = await saver.ListAsync(new RunConfig(threadId: null, checkpointNs: null, checkpointId: id));

        var expected = data.Stored
            .Where(t => t.Checkpoint.Id == id)
            .OrderBy(t => t.Config.ThreadId, StringComparer.Ordinal)
            .ThenBy(t => t.Config.CheckpointNs, StringComparer.Ordinal)
            .ToList();
        Assert.True(expected.Count > 1);
        TupleAssert.SequenceEqual(expected, results);
    }

    private async Task<ListMatrixData> GetSeedAsync()
    {
        TestStore.EnsureAvailable();
        var seed = await TestContext.Current.GetFixture<ListMatrixSeed>()
            ?? throw new InvalidOperationException($"{nameof(ListMatrixSeed)} is not attached to {GetType().Name}; it must be a class fixture of {nameof(ListMatrixTests)}.");
        return await seed.GetAsync(TestStore);
    }
}
