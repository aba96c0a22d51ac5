using System.Text;
using System.Text.Json.Nodes;
using Checkpoint.Interop.Tests.Harness;
using Microsoft.Extensions.Time.Testing;

namespace Checkpoint.Interop.Tests.StoreDifferential;

/// <summary>
/// Runs sequences of store operations against LangGraph.js's <c>InMemoryStore</c> (in the harness) and one of our
/// stores, compares every answer, and shrinks a failing sequence to the shortest one that still fails.
/// </summary>
/// <param name="node">The LangGraph.js harness.</param>
/// <param name="store">Our store, whose clock is <paramref name="clock"/>.</param>
/// <param name="clock">The store's clock: every operation runs one millisecond after the previous one, on both sides.</param>
public sealed class StoreDifferentialRunner(NodeHarness node, BaseStore store, FakeTimeProvider clock)
{
    private const int MaxShrinkRuns = 200;
    private int _roots;

    /// <summary>Gets how many compared answers had content (an item, search results, namespaces), by step kind: a run that only ever compared empty answers proves nothing.</summary>
    public Dictionary<StoreStepKind, int> NonEmptyAnswers { get; } = [];

    /// <summary>Runs a sequence; returns <see langword="null"/> when both sides agree on every answer, else the first disagreement.</summary>
    public async Task<StoreMismatch?> RunAsync(IReadOnlyList<StoreStep> steps, CancellationToken cancellationToken)
    {
        // A fresh root label per run keeps runs apart in a shared database; LangGraph.js gets a fresh store per run.
        var root = $"diff{Interlocked.Increment(ref _roots)}-{Guid.NewGuid():N}";
        var times = new List<long>(steps.Count);
        var ours = new List<JsonNode?>(steps.Count);
        foreach (var step in steps)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
            times.Add(clock.GetUtcNow().ToUnixTimeMilliseconds());
            try
            {
                var results = await store.BatchAsync([step.ToOperation(root)], cancellationToken);
                ours.Add(StoreResults.FromOurs(results[0]));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                ours.Add(StoreResults.Error($"{e.GetType().Name}: {e.Message}"));
            }
        }

        var ops = new JsonArray([.. steps.Select((step, i) => (JsonNode?)step.ToJs(root, times[i]))]);
        var theirs = (await node.CallAsync("store.run", new JsonObject { ["ops"] = ops }, cancellationToken))!.AsArray();
        for (var i = 0; i < steps.Count; i++)
        {
            var expected = StoreResults.FromLangGraph(steps[i], theirs[i]);
            if (!StoreResults.Agree(expected, ours[i]))
            {
                return new StoreMismatch(i, expected, ours[i]);
            }

            if (expected is JsonObject or JsonArray { Count: > 0 })
            {
                NonEmptyAnswers[steps[i].Kind] = NonEmptyAnswers.GetValueOrDefault(steps[i].Kind) + 1;
            }
        }

        return null;
    }

    /// <summary>
    /// Shrinks a failing sequence: drops ever smaller runs of steps while the rest still fails, up to a bounded number of
    /// replays; returns the shortest failing sequence found (cut after its first disagreement) and that disagreement.
    /// </summary>
    public async Task<(List<StoreStep> Steps, StoreMismatch Mismatch)> ShrinkAsync(IReadOnlyList<StoreStep> failing, StoreMismatch mismatch, CancellationToken cancellationToken)
    {
        var current = failing.Take(mismatch.Index + 1).ToList();
        var runs = 0;
        for (var chunk = Math.Max(1, current.Count / 2); chunk >= 1 && runs < MaxShrinkRuns; chunk /= 2)
        {
            for (var start = 0; start < current.Count && runs < MaxShrinkRuns;)
            {
                var candidate = current.Take(start).Concat(current.Skip(start + chunk)).ToList();
                runs++;
                if (candidate.Count > 0 && await RunAsync(candidate, cancellationToken) is { } found)
                {
                    (current, mismatch) = (candidate.Take(found.Index + 1).ToList(), found);
                }
                else
                {
                    start += chunk;
                }
            }
        }

        return (current, mismatch);
    }

    /// <summary>Describes a failing sequence for a test failure message.</summary>
    public static string Describe(string backend, int seed, IReadOnlyList<StoreStep> steps, StoreMismatch mismatch)
    {
        var text = new StringBuilder($"{backend} disagrees with LangGraph.js's InMemoryStore (seed {seed}). Shortest failing sequence ({steps.Count} steps; ~ is a fresh root label):\n");
        for (var i = 0; i < steps.Count; i++)
        {
            text.Append(i == mismatch.Index ? "=> " : "   ").Append(steps[i]).Append('\n');
        }

        text.Append($"LangGraph.js (normalised as contracts.md declares): {mismatch.Expected?.ToJsonString() ?? "null"}\n");
        text.Append($"{backend}: {mismatch.Actual?.ToJsonString() ?? "null"}");
        return text.ToString();
    }
}

/// <summary>The first step on which the two sides disagree.</summary>
/// <param name="Index">The step's position.</param>
/// <param name="Expected">LangGraph.js's answer, normalised.</param>
/// <param name="Actual">Our store's answer.</param>
public sealed record StoreMismatch(int Index, JsonNode? Expected, JsonNode? Actual);
