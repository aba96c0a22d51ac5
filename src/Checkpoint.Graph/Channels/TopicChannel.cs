namespace Checkpoint.Graph.Channels;

/// <summary>
/// Collects the values written in one step and holds them for the next step only (LangGraph's <c>Topic</c> without
/// accumulation): the <c>__pregel_tasks</c> channel that carries sends.
/// </summary>
internal sealed class TopicChannel(string name) : Channel(name)
{
    private readonly List<object?> _values = [];

    public override bool IsAvailable => _values.Count > 0;

    public override object? Get() => IsAvailable ? _values.ToList() : throw Empty();

    public override bool Update(IReadOnlyList<object?> values)
    {
        var changed = _values.Count > 0 || values.Count > 0;
        _values.Clear();
        _values.AddRange(values);
        return changed;
    }

    public override bool TryGetCheckpoint(out object? value)
    {
        value = _values.ToList();
        return _values.Count > 0;
    }

    public override void Restore(object? value)
    {
        _values.Clear();
        if (value is System.Collections.IEnumerable items and not string)
        {
            foreach (var item in items)
            {
                _values.Add(item);
            }
        }
    }

    public override Channel Clone()
    {
        var clone = new TopicChannel(Name);
        clone._values.AddRange(_values);
        return clone;
    }
}
