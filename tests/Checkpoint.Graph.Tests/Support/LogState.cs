namespace Checkpoint.Graph.Tests.Support;

/// <summary>A state whose one field appends what each node writes.</summary>
public sealed class LogState
{
    [Reducer(typeof(AppendLog))]
    public List<string> Log { get; set; } = [];

    public string? Item { get; set; }

    public sealed class AppendLog : IReducer<List<string>>
    {
        public List<string> Reduce(List<string> current, List<string> update) => [.. current, .. update];
    }
}
