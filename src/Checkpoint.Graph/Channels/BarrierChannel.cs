namespace Checkpoint.Graph.Channels;

/// <summary>
/// Becomes available once every named source has written to it, and resets when the task it triggered consumes it
/// (LangGraph's <c>NamedBarrierValue</c>): the channel behind <c>AddEdge(["a", "b"], "c")</c>.
/// </summary>
internal sealed class BarrierChannel(string name, IReadOnlySet<string> sources) : Channel(name)
{
    private readonly SortedSet<string> _seen = new(StringComparer.Ordinal);

    public override bool IsAvailable => _seen.SetEquals(sources);

    public override object? Get() => IsAvailable ? null : throw Empty();

    public override bool Update(IReadOnlyList<object?> values)
    {
        var changed = false;
        foreach (var value in values)
        {
            if (value is not string source || !sources.Contains(source))
            {
                throw new InvalidUpdateException($"Join '{Name}' received a write from '{value}', which is not one of its sources.");
            }

            changed |= _seen.Add(source);
        }

        return changed;
    }

    public override bool Consume()
    {
        if (!IsAvailable)
        {
            return false;
        }

        _seen.Clear();
        return true;
    }

    public override bool TryGetCheckpoint(out object? value)
    {
        value = _seen.Count == 0 ? null : _seen.ToList();
        return _seen.Count > 0;
    }

    public override void Restore(object? value)
    {
        _seen.Clear();
        if (value is IEnumerable<string> seen)
        {
            _seen.UnionWith(seen.Where(sources.Contains));
        }
    }

    public override Channel Clone()
    {
        var clone = new BarrierChannel(Name, sources);
        clone._seen.UnionWith(_seen);
        return clone;
    }
}
