namespace Checkpoint.Graph.Channels;

/// <summary>Keeps the last value written; more than one write in a step is an error (LangGraph's <c>LastValue</c>).</summary>
internal sealed class LastValueChannel(string name) : Channel(name)
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

        if (values.Count > 1)
        {
            throw new InvalidUpdateException(
                $"State field '{Name}' received {values.Count} values in one step, but a field without a reducer takes one value per step. " +
                "Give it a reducer ([Reducer(...)] or StateGraph.AddReducer) to combine updates from parallel nodes.");
        }

        _value = values[0];
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

    public override Channel Clone() => new LastValueChannel(Name) { _hasValue = _hasValue, _value = _value };
}
