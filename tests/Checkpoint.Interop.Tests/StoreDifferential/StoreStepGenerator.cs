using System.Text.Json.Nodes;

namespace Checkpoint.Interop.Tests.StoreDifferential;

/// <summary>
/// Makes seeded random sequences of store operations over a small space of namespaces and keys that share prefixes,
/// so puts overwrite, deletes hit, and searches and listings see several namespaces. Strings include characters whose
/// UTF-16 order differs from their code point order.
/// </summary>
/// <remarks>
/// Inputs stay where contracts.md declares no difference from LangGraph.js: labels without <c>:</c>, one operation per
/// batch, top-level filter fields, scalar filter operands, range operators only with numbers (LangGraph.js coerces
/// with <c>Number()</c>) on a field that holds numbers or non-numeric strings, no empty keys, depths of at least 1.
/// </remarks>
/// <param name="seed">The seed: the same seed makes the same sequence.</param>
public sealed class StoreStepGenerator(int seed)
{
    private static readonly string[] Labels = ["a", "b", "a-b", "\uE000", "\U0001F600"];
    private static readonly string[] Keys = ["k1", "k2", "K", "\uFFFD", "\U00010000"];
    private static readonly string[] Strings = ["x", "y", "\u00e9", "\uE000", "\U0001F600"];
    private readonly Random _random = new(seed);
    private readonly List<(string[] Namespace, string Key)> _written = [];

    /// <summary>Returns the next <paramref name="count"/> steps.</summary>
    public List<StoreStep> Next(int count) => [.. Enumerable.Range(0, count).Select(_ => Next())];

    private StoreStep Next()
    {
        var roll = _random.Next(100);
        if (roll < 35)
        {
            var (ns, key) = _written.Count > 0 && _random.Next(3) == 0 ? Existing() : (Namespace(1, 3), Pick(Keys));
            _written.Add((ns, key));
            return new StoreStep(StoreStepKind.Put, ns, key, Document());
        }

        if (roll < 60)
        {
            var (ns, key) = _written.Count > 0 && _random.Next(4) != 0 ? Existing() : (Namespace(1, 3), Pick(Keys));
            return new StoreStep(roll < 45 ? StoreStepKind.Delete : StoreStepKind.Get, ns, key);
        }

        if (roll < 85)
        {
            var prefix = _random.Next(3) == 0 || _written.Count == 0 ? [] : Existing().Namespace.Take(_random.Next(1, 3)).ToArray();
            return new StoreStep(StoreStepKind.Search, prefix, Filter: _random.Next(4) == 0 ? null : Filter(), Limit: _random.Next(1, 6), Offset: _random.Next(4));
        }

        var listPrefix = Enumerable.Range(0, _random.Next(3)).Select(_ => _random.Next(4) == 0 ? "*" : Pick(Labels)).ToArray();
        var suffix = _random.Next(3) == 0 ? new[] { _random.Next(4) == 0 ? "*" : Pick(Labels) } : null;
        int? depth = _random.Next(2) == 0 ? null : _random.Next(1, 5);
        return new StoreStep(StoreStepKind.List, listPrefix, Suffix: suffix, MaxDepth: depth, Limit: _random.Next(1, 6), Offset: _random.Next(4));
    }

    private (string[] Namespace, string Key) Existing() => _written[_random.Next(_written.Count)];

    private string[] Namespace(int min, int max) => [.. Enumerable.Range(0, _random.Next(min, max + 1)).Select(_ => Pick(Labels))];

    private JsonObject Document()
    {
        var document = new JsonObject();
        switch (_random.Next(4))
        {
            case 0:
                break;
            case 1:
                document["n"] = Pick(Strings);
                break;
            default:
                document["n"] = Number();
                break;
        }

        if (_random.Next(3) != 0)
        {
            document["s"] = Pick(Strings);
        }

        if (_random.Next(2) == 0)
        {
            document["b"] = _random.Next(3) switch { 0 => true, 1 => false, _ => null };
        }

        return document;
    }

    private JsonObject Filter()
    {
        var filter = new JsonObject();
        foreach (var field in new[] { "n", "s", "b" }.Where(_ => _random.Next(2) == 0).DefaultIfEmpty("n"))
        {
            filter[field] = Condition(field);
        }

        return filter;
    }

    private JsonNode? Condition(string field)
    {
        Func<JsonNode?> operand = field switch
        {
            "n" => () => _random.Next(4) == 0 ? Pick(Strings) : Number(),
            "s" => () => Pick(Strings),
            _ => () => _random.Next(3) switch { 0 => true, 1 => false, _ => null },
        };
        var ops = field == "n" ? new[] { "plain", "$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin" } : ["plain", "$eq", "$ne", "$in", "$nin"];
        var op = Pick(ops);
        return op switch
        {
            "plain" => operand(),
            "$in" or "$nin" => new JsonObject { [op] = new JsonArray([.. Enumerable.Range(0, _random.Next(0, 4)).Select(_ => operand())]) },
            "$gt" or "$gte" or "$lt" or "$lte" => Range(op),
            _ => new JsonObject { [op] = operand() },
        };
    }

    private JsonObject Range(string op)
    {
        var range = new JsonObject { [op] = Number() };
        if (_random.Next(3) == 0)
        {
            range[op.StartsWith("$g", StringComparison.Ordinal) ? "$lte" : "$gte"] = Number();
        }

        return range;
    }

    private JsonNode Number() => _random.Next(6) == 0 ? JsonValue.Create(2.5) : JsonValue.Create(_random.Next(-2, 6));

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
