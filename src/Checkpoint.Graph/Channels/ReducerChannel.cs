namespace Checkpoint.Graph.Channels;

/// <summary>
/// Folds every write into the current value with a reducer, starting from the field's default when empty
/// (LangGraph's <c>BinaryOperatorAggregate</c>).
/// </summary>
internal sealed class ReducerChannel(string name, Func<object?, object?, object?> reducer, Func<object?> initial) : Channel(name)
{
    private bool _hasValue;
    private object? _value;

    public override bool IsAvailable => _hasValue;

    public override object? Get() => _hasValue ? _value : throw Empty();

    public override bool Update(IReadOnlyList<object?> values)
    {
        if (values.Count == 0)
        {
            return false;
        }

        var value = _hasValue ? _value : initial();
        foreach (var update in values)
        {
            value = reducer(value, update);
        }

        _value = value;
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

    public override Channel Clone() => new ReducerChannel(Name, reducer, initial) { _hasValue = _hasValue, _value = _value };
}
