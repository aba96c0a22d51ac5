using System.Text.Json.Nodes;
using Checkpoint.ConformanceSuite;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Checkpoint.Sqlite.Tests.Reference;

/// <summary>
/// Drives random batches against <see cref="SqliteStore"/> and <see cref="InMemoryStore"/> side by side, on one fake
/// clock and one embedding model, and demands identical results: filters narrowed in SQL but decided exactly, TTL
/// expiry and refresh, semantic ranking, paging and namespace listing must agree with the reference.
/// </summary>
public sealed class StoreReferenceTests
{
    private static readonly StoreNamespace[] Namespaces = [["docs"], ["docs", "a"], ["docs", "a", "x"], ["docs", "b"], ["users", "1"], ["users", "2", "prefs"]];
    private static readonly string[] Words = ["apple", "banana", "cherry", "river", "mountain", "coffee"];
    private static readonly JsonNode?[] Numbers = [1, 1.0, 2, 2.5, -3, 10];

    public static TheoryData<bool, ApiMode, int> Runs() => new()
    {
        { true, ApiMode.Sync, 1 },
        { true, ApiMode.Async, 2 },
        { false, ApiMode.Sync, 3 },
        { false, ApiMode.Async, 4 },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task Random_batches_give_the_same_results_as_the_in_memory_reference(bool inMemory, ApiMode mode, int seed)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var embeddings = new FakeEmbeddingGenerator(16);
        StoreOptions Options(StoreOptions options)
        {
            options.TimeProvider = clock;
            options.Index = new StoreIndexOptions { EmbeddingGenerator = embeddings, Dimensions = 16, Fields = ["text", "tags[*]"] };
            options.Ttl = new StoreTtlOptions { DefaultTtl = seed % 2 == 0 ? TimeSpan.FromMinutes(3) : null };
            return options;
        }

        using var folder = new TempFolder("reference");
        var path = inMemory ? ":memory:" : folder.NewFile("store");
        await using var sqlite = SqliteStore.FromPath(path, (SqliteStoreOptions)Options(new SqliteStoreOptions()));
        await using var memory = new InMemoryStore(Options(new StoreOptions()));
        var actual = new StoreApi(sqlite, mode);
        var expected = new StoreApi(memory, mode);
        await actual.SetupAsync();
        await expected.SetupAsync();

        var random = new Random(seed);
        for (var step = 0; step < 300; step++)
        {
            // Small steps land reads exactly on and around expiry times; large ones let whole batches expire.
            clock.Advance(random.Next(4) switch
            {
                0 => TimeSpan.FromMilliseconds(1),
                1 => TimeSpan.FromSeconds(1),
                2 => TimeSpan.FromMilliseconds(random.Next(0, 5_000) + 0.25),
                _ => TimeSpan.FromMilliseconds(random.Next(0, 40_000)),
            });
            var batch = Enumerable.Range(0, random.Next(1, 4)).Select(_ => NextOperation(random)).ToList();
            var expectedResult = await Capture(expected, batch);
            var actualResult = await Capture(actual, batch);
            Assert.True(expectedResult == actualResult, $"Step {step} differs.\nbatch: {string.Join("; ", batch)}\nexpected:\n{expectedResult}\nactual:\n{actualResult}");
            if (step % 25 == 0)
            {
                Assert.Equal(await expected.SweepExpiredAsync(), await actual.SweepExpiredAsync());
            }
        }
    }

    private static StoreOperation NextOperation(Random random)
    {
        var ns = Namespaces[random.Next(Namespaces.Length)];
        var key = "k" + random.Next(6);
        switch (random.Next(10))
        {
            case < 4:
                var value = new JsonObject
                {
                    ["text"] = string.Join(' ', Enumerable.Range(0, random.Next(1, 4)).Select(_ => Words[random.Next(Words.Length)])),
                    ["n"] = Numbers[random.Next(Numbers.Length)]?.DeepClone(),
                    ["kind"] = random.Next(2) == 0 ? "note" : "fact",
                    ["nested"] = new JsonObject { ["level"] = random.Next(3), ["flag"] = random.Next(2) == 0 },
                    ["tags"] = new JsonArray([.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => (JsonNode?)Words[random.Next(Words.Length)])]),
                };
                if (random.Next(5) == 0)
                {
                    value.Remove("n");
                }

                return new PutOperation(ns, key, value)
                {
                    Ttl = random.Next(4) switch { 0 => TimeSpan.FromSeconds(random.Next(2) == 0 ? random.Next(1, 4) : random.Next(1, 120)), 1 => Timeout.InfiniteTimeSpan, _ => null },
                    Index = random.Next(5) == 0 ? ItemIndexing.Disabled : random.Next(5) == 0 ? ItemIndexing.Fields("kind") : null,
                };
            case 4:
                return new PutOperation(ns, key, null);
            case 5:
                return new GetOperation(ns, key, random.Next(3) == 0 ? false : null);
            case < 9:
                return new SearchOperation(random.Next(3) == 0 ? StoreNamespace.Empty : ns.Truncate(random.Next(1, 3)))
                {
                    Query = random.Next(3) == 0 ? Words[random.Next(Words.Length)] : null,
                    Filter = NextFilter(random),
                    Limit = random.Next(0, 5),
                    Offset = random.Next(0, 3),
                    RefreshTtl = random.Next(3) == 0 ? false : null,
                };
            default:
                return new ListNamespacesOperation
                {
                    MatchConditions = random.Next(4) switch
                    {
                        0 => [NamespaceMatch.Prefix("docs")],
                        1 => [NamespaceMatch.Suffix("prefs")],
                        2 => [NamespaceMatch.Prefix("*", "a")],
                        _ => null,
                    },
                    MaxDepth = random.Next(3) == 0 ? random.Next(1, 3) : null,
                    Limit = random.Next(1, 5),
                    Offset = random.Next(0, 2),
                };
        }
    }

    private static Dictionary<string, JsonNode?>? NextFilter(Random random)
    {
        var filter = new Dictionary<string, JsonNode?>();
        var number = Numbers[random.Next(Numbers.Length)]?.DeepClone();
        switch (random.Next(8))
        {
            case 0:
                return null;
            case 1:
                filter["kind"] = "note";
                break;
            case 2:
                filter["n"] = number;
                break;
            case 3:
                filter["n"] = new JsonObject { [random.Next(2) == 0 ? "$gt" : "$lte"] = number };
                break;
            case 4:
                filter["n"] = new JsonObject { ["$ne"] = number };
                break;
            case 5:
                filter["nested.level"] = new JsonObject { ["$gte"] = 1, ["$lt"] = 2 };
                break;
            case 6:
                filter["kind"] = new JsonObject { ["$gt"] = "fact" };
                filter["nested.flag"] = true;
                break;
            default:
                filter["kind"] = new JsonObject { ["$ne"] = "fact" };
                break;
        }

        return filter;
    }

    private static async Task<string> Capture(StoreApi store, IReadOnlyList<StoreOperation> batch)
    {
        try
        {
            var results = await store.BatchAsync(batch);
            return string.Join("\n", results.Select(Canonical.Of));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }
}
