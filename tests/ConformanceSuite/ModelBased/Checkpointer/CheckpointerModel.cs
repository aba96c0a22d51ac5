using System.Text.Json.Nodes;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// The checkpointer model: seeded random operation sequences replayed side by side on a backend saver and a fresh
/// <see cref="InMemorySaver"/>, comparing every result and the whole state of every thread after every operation.
/// </summary>
public static class CheckpointerModel
{
    /// <summary>How many symbolic threads a sequence uses.</summary>
    public const int ThreadCount = 3;

    /// <summary>The default number of operations per seed.</summary>
    public const int DefaultSteps = 80;

    /// <summary>Generates the operation sequence of a seed; the first <c>n</c> operations are the same for any length.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="steps">How many operations.</param>
    /// <returns>The operations.</returns>
    public static IReadOnlyList<CheckpointerStep> Generate(int seed, int steps) => new CheckpointerGenerator(seed).Generate(steps);

    /// <summary>Replays operations on a new backend saver and a new reference, on fresh thread and run ids.</summary>
    /// <param name="steps">The operations.</param>
    /// <param name="mode">The API to drive.</param>
    /// <param name="createBackend">Creates the saver under test; it is disposed after the replay, once its threads are deleted.</param>
    /// <returns>The first difference, or <see langword="null"/> when every result and state matched.</returns>
    public static async Task<ModelFailure?> ReplayAsync(IReadOnlyList<CheckpointerStep> steps, ApiMode mode, Func<BaseCheckpointSaver> createBackend)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(createBackend);
        var run = new CheckpointerRun();
        var backendSaver = createBackend();
        try
        {
            using var referenceSaver = new InMemorySaver();
            var backend = new SaverApi(backendSaver, mode);
            var reference = new SaverApi(referenceSaver, mode);
            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                if (!await step.IsApplicableAsync(reference, run).ConfigureAwait(false))
                {
                    continue;
                }

                var expected = await ObserveAsync(() => step.ApplyAsync(reference, run)).ConfigureAwait(false);
                var actual = await ObserveAsync(() => step.ApplyAsync(backend, run)).ConfigureAwait(false);
                if (expected != actual)
                {
                    return new ModelFailure(i, step.ToString(), "its result", run.Display(expected), run.Display(actual));
                }

                for (var thread = 0; thread < ThreadCount; thread++)
                {
                    var config = new RunConfig(run.Thread(thread));
                    var expectedState = await ObserveAsync(async () => Render(await reference.ListAsync(config).ConfigureAwait(false))).ConfigureAwait(false);
                    var actualState = await ObserveAsync(async () => Render(await backend.ListAsync(config).ConfigureAwait(false))).ConfigureAwait(false);
                    if (expectedState != actualState)
                    {
                        return new ModelFailure(i, step.ToString(), $"the list of every checkpoint of thread t{thread}", run.Display(expectedState), run.Display(actualState));
                    }
                }
            }

            return null;
        }
        finally
        {
            // Leave the shared database as it was.
            for (var thread = 0; thread < ThreadCount; thread++)
            {
                await new SaverApi(backendSaver, mode).DeleteThreadAsync(run.Thread(thread)).ConfigureAwait(false);
            }

            await backendSaver.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Checks one seed; on a difference, shrinks the sequence to the shortest one that still fails.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="steps">How many operations to generate.</param>
    /// <param name="mode">The API to drive.</param>
    /// <param name="createBackend">Creates a saver under test for each replay.</param>
    /// <param name="maxReplays">The most replays shrinking may spend.</param>
    /// <returns>The result.</returns>
    public static async Task<ModelCheckResult> CheckAsync(int seed, int steps, ApiMode mode, Func<BaseCheckpointSaver> createBackend, int maxReplays = 300)
    {
        var sequence = Generate(seed, steps);
        var failure = await ReplayAsync(sequence, mode, createBackend).ConfigureAwait(false);
        if (failure is null)
        {
            return new ModelCheckResult(seed, mode, steps, [], null, 0);
        }

        var (shortest, shortestFailure, replays) = await SequenceShrinker.ShrinkAsync(sequence, failure, c => ReplayAsync(c, mode, createBackend), maxReplays).ConfigureAwait(false);
        return new ModelCheckResult(seed, mode, steps, [.. shortest.Select(s => s.ToString())], shortestFailure, replays);
    }

    /// <summary>Renders a config.</summary>
    /// <param name="config">The config.</param>
    /// <returns>The text.</returns>
    public static string Render(RunConfig? config) =>
        config is null ? "none" : $"{config.ThreadId}|{config.CheckpointNs ?? "<null>"}|{config.CheckpointId ?? "<null>"}{(config.Configurable.IsEmpty ? string.Empty : " +configurable")}";

    /// <summary>Renders a tuple: every field, channel values and writes with their types.</summary>
    /// <param name="tuple">The tuple.</param>
    /// <returns>The text.</returns>
    public static string Render(CheckpointTuple? tuple)
    {
        if (tuple is null)
        {
            return "null";
        }

        var checkpoint = tuple.Checkpoint;
        var json = new JsonObject
        {
            ["config"] = Render(tuple.Config),
            ["parent"] = Render(tuple.ParentConfig),
            ["v"] = checkpoint.V,
            ["id"] = checkpoint.Id,
            ["ts"] = checkpoint.Ts,
            ["versions"] = ToJson(checkpoint.ChannelVersions),
            ["seen"] = new JsonObject(checkpoint.VersionsSeen.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)ToJson(p.Value)))),
            ["updated"] = checkpoint.UpdatedChannels is null ? null : new JsonArray([.. checkpoint.UpdatedChannels.Select(c => (JsonNode?)c)]),
            ["extra"] = checkpoint.AdditionalFields?.DeepClone(),
            ["values"] = new JsonObject(checkpoint.ChannelValues.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)ModelCanonical.Value(p.Value)))),
            ["metadata"] = tuple.Metadata.Values.DeepClone(),
            ["writes"] = new JsonArray([.. tuple.PendingWrites.Select(w => (JsonNode?)new JsonArray(w.TaskId, w.TaskPath, w.Channel, ModelCanonical.Value(w.Value)))]),
        };
        return ModelCanonical.Json(json);
    }

    /// <summary>Renders tuples in order, one per line.</summary>
    /// <param name="tuples">The tuples.</param>
    /// <returns>The text.</returns>
    public static string Render(IEnumerable<CheckpointTuple> tuples) => $"{string.Join('\n', tuples.Select(Render))}\n(end of list)";

    /// <summary>Shortens a channel version for printing: the counter and the last digits.</summary>
    /// <param name="version">The version.</param>
    /// <returns>The short form.</returns>
    public static string ShortVersion(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var dot = version.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? version : $"{version[..dot].TrimStart('0')}.{version[^4..]}";
    }

    /// <summary>Shortens text for printing.</summary>
    /// <param name="text">The text.</param>
    /// <returns>At most 60 characters.</returns>
    public static string Short(string text) => text is { Length: > 60 } ? text[..57] + "..." : text;

    private static JsonObject ToJson(IReadOnlyDictionary<string, string> map) =>
        new(map.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));

    private static async Task<string> ObserveAsync(Func<Task<string>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ModelCanonical.Exception(e);
        }
    }
}
