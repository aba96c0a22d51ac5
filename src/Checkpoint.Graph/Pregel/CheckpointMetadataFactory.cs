using System.Text.Json.Nodes;

namespace Checkpoint.Graph.Pregel;

/// <summary>
/// Builds LangGraph-format checkpoint metadata: <c>source</c>, <c>step</c>, <c>parents</c>, <c>run_id</c>, plus every
/// configurable key whose value is a string, number or boolean (such as <c>user_id</c>), so checkpoints can be
/// listed by them.
/// </summary>
internal static class CheckpointMetadataFactory
{
    private static readonly HashSet<string> Excluded = new(StringComparer.Ordinal)
    {
        "thread_id", "checkpoint_id", "checkpoint_ns", "checkpoint_map", Reserved.RecursionLimitKey,
        "langgraph_step", "langgraph_node", "langgraph_triggers", "langgraph_path", "langgraph_checkpoint_ns",
    };

    public static CheckpointMetadata Create(string source, int step, RunScope scope)
    {
        var metadata = CheckpointMetadata.Create(source, step, scope.Parents);
        metadata.RunId = scope.RunId;
        foreach (var (key, value) in scope.Config.Configurable)
        {
            if (key.StartsWith("__", StringComparison.Ordinal) || Excluded.Contains(key) || metadata.Values.ContainsKey(key))
            {
                continue;
            }

            if (ToJson(value) is { } json)
            {
                metadata[key] = json;
            }
        }

        return metadata;
    }

    private static JsonValue? ToJson(object? value) => value switch
    {
        // PostgreSQL's jsonb cannot hold NUL, so LangGraph strips it; so do we, for every backend alike.
        string s => JsonValue.Create(s.Replace("\0", string.Empty, StringComparison.Ordinal)),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d when double.IsFinite(d) => JsonValue.Create(d),
        float f when float.IsFinite(f) => JsonValue.Create(f),
        decimal m => JsonValue.Create(m),
        _ => null,
    };
}
