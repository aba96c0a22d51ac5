namespace Checkpoint.Graph.Channels;

/// <summary>
/// Holds a value for exactly one step after it is written, then clears itself (LangGraph's <c>EphemeralValue</c>
/// without guard). Used for the triggers of nodes (<c>branch:to:node</c>) and for an entrypoint's input.
/// </summary>
internal sealed class EphemeralChannel(string name) : Channel(name)
{
    private bool _hasValue;
    private object? _value;

    public override bool IsAvailable => _hasValue;

    public override object? Get() => _hasValue ? _value : throw Empty();

    public override bool Update(IReadOnlyList<object?> values)
    {
        if (values.Count == 0)
        {
            var had = _hasValue;
            _hasValue = false;
            _value = null;
            return had;
        }

        _value = values[^1];
        _hasValue = true;
        return true;
    }

    public override bool TryGetCheckpoint(out object? value)
    {
        value = _value;
        return _hasValue;
    }

    public override void Restore(object? value)
    {
        _value = value;
        _hasValue = true;
    }

    public override Channel Clone() => new EphemeralChannel(Name) { _hasValue = _hasValue, _value = _value };
}
