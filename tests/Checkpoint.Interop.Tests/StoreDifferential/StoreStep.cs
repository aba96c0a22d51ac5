using System.Text.Json.Nodes;

namespace Checkpoint.Interop.Tests.StoreDifferential;

/// <summary>What a <see cref="StoreStep"/> does.</summary>
public enum StoreStepKind
{
    /// <summary>Writes an item.</summary>
    Put,

    /// <summary>Deletes an item.</summary>
    Delete,

    /// <summary>Reads an item.</summary>
    Get,

    /// <summary>Searches a prefix with an optional filter, limit and offset.</summary>
    Search,

    /// <summary>Lists namespaces with an optional prefix, suffix and depth, limit and offset.</summary>
    List,
}

/// <summary>
/// One store operation of a differential sequence. Namespaces are relative: the runner puts a fresh root label in
/// front of every namespace and prefix, so sequences never see each other's items.
/// </summary>
/// <param name="Kind">The operation.</param>
/// <param name="Namespace">Put, delete and get: the item's namespace; search: the prefix; list: the prefix condition (may hold <c>*</c>).</param>
/// <param name="Key">The item's key (put, delete, get).</param>
/// <param name="Value">The document (put).</param>
/// <param name="Filter">The search filter, or none.</param>
/// <param name="Suffix">The list suffix condition, or none.</param>
/// <param name="MaxDepth">The list depth, or none.</param>
/// <param name="Limit">The page size (search, list).</param>
/// <param name="Offset">The page start (search, list).</param>
public sealed record StoreStep(
    StoreStepKind Kind,
    IReadOnlyList<string> Namespace,
    string? Key = null,
    JsonObject? Value = null,
    JsonObject? Filter = null,
    IReadOnlyList<string>? Suffix = null,
    int? MaxDepth = null,
    int Limit = 10,
    int Offset = 0)
{
    /// <summary>Returns the operation for our stores, under <paramref name="root"/>.</summary>
    public StoreOperation ToOperation(string root)
    {
        StoreNamespace ns = [root, .. Namespace];
        return Kind switch
        {
            StoreStepKind.Put => new PutOperation(ns, Key!, (JsonObject)Value!.DeepClone()),
            StoreStepKind.Delete => new PutOperation(ns, Key!, null),
            StoreStepKind.Get => new GetOperation(ns, Key!),
            StoreStepKind.Search => new SearchOperation(ns)
            {
                Filter = Filter?.ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal),
                Limit = Limit,
                Offset = Offset,
            },
            _ => new ListNamespacesOperation
            {
                MatchConditions = Suffix is null ? [NamespaceMatch.Prefix([.. ns])] : [NamespaceMatch.Prefix([.. ns]), NamespaceMatch.Suffix([.. Suffix])],
                MaxDepth = MaxDepth,
                Limit = Limit,
                Offset = Offset,
            },
        };
    }

    /// <summary>
    /// Returns the operation for LangGraph.js's harness, under <paramref name="root"/>, at <paramref name="now"/>.
    /// Searches and listings ask for every match: LangGraph.js orders them differently (declared in contracts.md),
    /// so the runner orders and pages them by our contract.
    /// </summary>
    public JsonObject ToJs(string root, long now)
    {
        var ns = new JsonArray([root, .. Namespace.Select(l => (JsonNode?)l)]);
        var op = new JsonObject { ["now"] = now };
        switch (Kind)
        {
            case StoreStepKind.Put:
                op["op"] = "put";
                op["ns"] = ns;
                op["key"] = Key;
                op["value"] = Value!.DeepClone();
                break;
            case StoreStepKind.Delete or StoreStepKind.Get:
                op["op"] = Kind == StoreStepKind.Get ? "get" : "delete";
                op["ns"] = ns;
                op["key"] = Key;
                break;
            case StoreStepKind.Search:
                op["op"] = "search";
                op["prefix"] = ns;
                op["filter"] = Filter?.DeepClone();
                op["limit"] = int.MaxValue;
                op["offset"] = 0;
                break;
            default:
                op["op"] = "list";
                op["prefix"] = ns;
                op["suffix"] = Suffix is null ? null : new JsonArray([.. Suffix.Select(l => (JsonNode?)l)]);
                op["maxDepth"] = MaxDepth;
                op["limit"] = int.MaxValue;
                op["offset"] = 0;
                break;
        }

        return op;
    }

    /// <summary>Describes the step in one line, with namespaces relative to the root (written <c>~</c>).</summary>
    public override string ToString()
    {
        var ns = Describe(Namespace);
        return Kind switch
        {
            StoreStepKind.Put => $"put {ns} {Quote(Key!)} {Value!.ToJsonString()}",
            StoreStepKind.Delete => $"delete {ns} {Quote(Key!)}",
            StoreStepKind.Get => $"get {ns} {Quote(Key!)}",
            StoreStepKind.Search => $"search {ns} filter={Filter?.ToJsonString() ?? "none"} limit={Limit} offset={Offset}",
            _ => $"list prefix={ns} suffix={(Suffix is null ? "none" : Describe(Suffix))} maxDepth={MaxDepth?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} limit={Limit} offset={Offset}",
        };
    }

    private static string Describe(IReadOnlyList<string> labels) => "(~" + string.Concat(labels.Select(l => ", " + Quote(l))) + ")";

    private static string Quote(string text) => new JsonArray(text).ToJsonString()[1..^1];
}
