namespace Checkpoint.Graph.Tests.Runtime;

/// <summary>A state with one field of each kind: last value, appended list, summed counter.</summary>
public sealed class TestState
{
    public string? Text { get; set; }

    [Reducer(typeof(AppendStrings))]
    public List<string> Log { get; set; } = [];

    [Reducer(typeof(SumInts))]
    public int Count { get; set; }

    public int Plain { get; set; }
}

public sealed class AppendStrings : IReducer<List<string>>
{
    public List<string> Reduce(List<string> current, List<string> update) => [.. current, .. update];
}

public sealed class SumInts : IReducer<int>
{
    public int Reduce(int current, int update) => current + update;
}

/// <summary>A state with the other built-in storable shapes.</summary>
public sealed class RichState
{
    public Dictionary<string, int> Scores { get; set; } = [];

    public System.Text.Json.Nodes.JsonObject? Profile { get; set; }

    public string[]? Tags { get; set; }

    public DateTimeOffset? Seen { get; set; }

    public Dictionary<string, object?>? Extra { get; set; }
}
