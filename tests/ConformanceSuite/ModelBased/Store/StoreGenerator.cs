using System.Text.Json.Nodes;

namespace Checkpoint.ConformanceSuite;

/// <summary>Generates store operation sequences from a seed, over a small set of namespaces, keys and words so that operations collide.</summary>
internal sealed class StoreGenerator(int seed)
{
    private static readonly string[][] Namespaces = [["a"], ["a", "b"], ["a", "b", "c"], ["a", "bc"], ["d"], ["d", "a"]];
    private static readonly string[][] SearchPrefixes = [[], ["a"], ["a", "b"], ["a", "bc"], ["d"], ["a", "b", "c"]];
    private static readonly string[][] ListPrefixes = [[], ["a"], ["*", "b"], ["d"], ["*"]];
    private static readonly string[][] Suffixes = [["b"], ["*"], ["c"], ["a"], ["*", "c"]];
    private static readonly string[] Keys = ["k0", "k1", "k2", "k3", "k4"];
    private static readonly string[] Words = ["red", "green", "blue", "apple", "pear", "pie", "tart", "sky", "sea", "bread"];
    private static readonly string[] Strings = ["a", "B", "apple", "é", "z"];

    private readonly Random _random = new(seed);

    public IReadOnlyList<StoreStep> Generate(int steps)
    {
        var sequence = new List<StoreStep>(steps);
        while (sequence.Count < steps)
        {
            var roll = _random.Next(100);
            sequence.Add(roll switch
            {
                < 30 => Put(),
                < 37 => Delete(),
                < 52 => Get(),
                < 70 => Search(),
                < 78 => ListNamespaces(),
                < 88 => Advance(),
                < 92 => new SweepStep(),
                _ => Batch(),
            });
        }

        return sequence;
    }

    private StoreBatchStep Batch() =>
        new([.. Enumerable.Range(0, _random.Next(2, 5)).Select(_ => _random.Next(100) switch
        {
            < 35 => (StoreOperationStep)Put(),
            < 50 => Delete(),
            < 75 => Get(),
            < 92 => Search(),
            _ => ListNamespaces(),
        })]);

    private PutItemStep Put()
    {
        TimeSpan? ttl = _random.Next(100) switch
        {
            < 55 => null,
            < 90 => TimeSpan.FromMinutes(_random.Next(1, 31)),
            _ => Timeout.InfiniteTimeSpan,
        };
        IReadOnlyList<string>? index = _random.Next(100) switch
        {
            < 60 => null,
            < 75 => [],
            < 90 => ["tags[*]"],
            _ => ["text", "s"],
        };
        return new PutItemStep(Pick(Namespaces), Pick(Keys), RandomDocument(), ttl, index);
    }

    private DeleteItemStep Delete() => new(Pick(Namespaces), Pick(Keys));

    private GetItemStep Get() => new(Pick(Namespaces), Pick(Keys), RandomRefresh());

    private SearchItemsStep Search()
    {
        JsonObject? filter = _random.Next(100) switch
        {
            < 50 => null,
            < 58 => new JsonObject { ["s"] = Pick(Strings) },
            < 66 => new JsonObject { ["n"] = new JsonObject { ["$gt"] = _random.Next(-2, 10) } },
            < 73 => new JsonObject { ["n"] = new JsonObject { ["$gte"] = _random.Next(0, 5), ["$lt"] = _random.Next(5, 12) + 0.5 } },
            < 80 => new JsonObject { ["nested.level"] = new JsonObject { ["$lte"] = _random.Next(0, 5) } },
            < 87 => new JsonObject { ["s"] = new JsonObject { ["$ne"] = Pick(Strings) } },
            < 93 => new JsonObject { ["s"] = new JsonObject { ["$gte"] = Pick(Strings) } },
            _ => new JsonObject { ["n"] = "7" },
        };
        return new SearchItemsStep(
            Pick(SearchPrefixes),
            filter,
            _random.Next(100) < 35 ? string.Join(' ', Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Pick(Words))) : null,
            _random.Next(100) < 40 ? 10 : _random.Next(0, 7),
            _random.Next(100) < 70 ? 0 : _random.Next(1, 4),
            RandomRefresh());
    }

    private ListNamespacesStep ListNamespaces() =>
        new(
            Pick(ListPrefixes),
            _random.Next(100) < 60 ? null : Pick(Suffixes),
            _random.Next(100) < 60 ? null : _random.Next(2, 4),
            _random.Next(100) < 50 ? 100 : _random.Next(1, 5),
            _random.Next(100) < 70 ? 0 : _random.Next(1, 3));

    private AdvanceClockStep Advance() =>
        new(_random.Next(100) < 30
            ? TimeSpan.FromTicks(_random.Next(1, 10_000_000))
            : TimeSpan.FromMinutes(_random.Next(1, 13)) + TimeSpan.FromTicks(_random.Next(0, 10_000)));

    private JsonObject RandomDocument()
    {
        var document = new JsonObject();
        if (_random.Next(100) < 85)
        {
            document["text"] = string.Join(' ', Enumerable.Range(0, _random.Next(1, 5)).Select(_ => Pick(Words)));
        }

        if (_random.Next(100) < 70)
        {
            document["n"] = _random.Next(100) switch
            {
                < 60 => JsonValue.Create(_random.Next(-3, 13)),
                < 90 => JsonValue.Create(_random.Next(0, 10) + 0.5),
                _ => JsonValue.Create("7"),
            };
        }

        if (_random.Next(100) < 60)
        {
            document["s"] = Pick(Strings);
        }

        if (_random.Next(100) < 50)
        {
            document["tags"] = new JsonArray([.. Enumerable.Range(0, _random.Next(0, 4)).Select(_ => (JsonNode?)Pick(Words))]);
        }

        if (_random.Next(100) < 40)
        {
            document["nested"] = new JsonObject { ["level"] = _random.Next(0, 6) };
        }

        return document;
    }

    private bool? RandomRefresh() => _random.Next(4) switch
    {
        0 => true,
        1 => false,
        _ => null,
    };

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
