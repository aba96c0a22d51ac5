using System.Text.Json.Nodes;
using Checkpoint.Providers;

namespace Checkpoint.Interop.Tests.StoreDifferential;

/// <summary>
/// Puts the answers of both sides into one comparable JSON shape, normalising only what contracts.md declares
/// different from LangGraph.js: the order of search results and of namespace listings (LangGraph.js answers every
/// match here, which is ordered and paged by our contract).
/// </summary>
internal static class StoreResults
{
    /// <summary>An operation that threw: only the fact is compared, not the message.</summary>
    public static JsonObject Error(string message) => new() { ["error"] = true, ["message"] = message };

    /// <summary>Describes what one of our stores answered.</summary>
    public static JsonNode? FromOurs(object? result) => result switch
    {
        null => null,
        Item item => Describe(item),
        IEnumerable<SearchItem> items => new JsonArray([.. items.Select(i => (JsonNode?)Describe(i))]),
        IEnumerable<StoreNamespace> namespaces => new JsonArray([.. namespaces.Select(ns => (JsonNode?)Labels(ns))]),
        _ => throw new InvalidOperationException($"Unexpected store result {result.GetType().Name}."),
    };

    /// <summary>Describes what LangGraph.js answered, ordered and paged by our contract for searches and listings.</summary>
    public static JsonNode? FromLangGraph(StoreStep step, JsonNode? result)
    {
        if (result is JsonObject { } error && error.ContainsKey("error"))
        {
            return Error(error["error"]?.GetValue<string>() ?? "unknown");
        }

        switch (step.Kind)
        {
            case StoreStepKind.Search:
                var items = result!.AsArray().Select(i => i!.AsObject())
                    .OrderByDescending(i => i["updatedAt"]!.GetValue<long>())
                    .ThenBy(i => Path(i["ns"]!.AsArray()), CodePointComparer.Instance)
                    .ThenBy(i => i["key"]!.GetValue<string>(), CodePointComparer.Instance);
                return new JsonArray([.. items.Skip(step.Offset).Take(step.Limit).Select(i => (JsonNode?)i.DeepClone())]);
            case StoreStepKind.List:
                var namespaces = result!.AsArray().Select(ns => ns!.AsArray()).OrderBy(Path, CodePointComparer.Instance);
                return new JsonArray([.. namespaces.Skip(step.Offset).Take(step.Limit).Select(ns => (JsonNode?)ns.DeepClone())]);
            default:
                return result?.DeepClone();
        }
    }

    /// <summary>Returns whether two descriptions agree (errors agree with errors whatever their messages).</summary>
    public static bool Agree(JsonNode? expected, JsonNode? actual) =>
        IsError(expected) || IsError(actual) ? IsError(expected) && IsError(actual) : JsonNode.DeepEquals(expected, actual);

    private static bool IsError(JsonNode? node) => node is JsonObject o && o.ContainsKey("error");

    private static JsonObject Describe(Item item) => new()
    {
        ["ns"] = Labels(item.Namespace),
        ["key"] = item.Key,
        ["value"] = item.Value.DeepClone(),
        ["createdAt"] = item.CreatedAt.ToUnixTimeMilliseconds(),
        ["updatedAt"] = item.UpdatedAt.ToUnixTimeMilliseconds(),
    };

    private static JsonArray Labels(StoreNamespace ns) => new([.. ns.Select(l => (JsonNode?)l)]);

    private static string Path(JsonArray labels) => string.Join(StoreNamespace.Separator, labels.Select(l => l!.GetValue<string>()));
}
