using System.Collections;
using System.Reflection;

namespace Checkpoint.Graph.State;

/// <summary>One property of a state class and the channel behind it.</summary>
internal sealed class StateField(PropertyInfo property, string channel, Func<object?, object?, object?>? reducer, object? defaultValue)
{
    public PropertyInfo Property { get; } = property;

    public string Channel { get; } = channel;

    public Type Type => Property.PropertyType;

    /// <summary>Gets the reducer, or <see langword="null"/> for a last-value field.</summary>
    public Func<object?, object?, object?>? Reducer { get; } = reducer;

    public object? Get(object state) => Property.GetValue(state);

    public void Set(object state, object? storedValue) => Property.SetValue(state, ValueConversion.ToPropertyValue(storedValue, Type, Channel));

    /// <summary>Whether a property value of a partial state means "not updated": null, or equal to what a new state holds.</summary>
    public bool IsDefault(object? value)
    {
        if (value is null || Equals(value, defaultValue))
        {
            return true;
        }

        return value is IEnumerable items and not string && defaultValue is IEnumerable defaults and not string
            && !items.GetEnumerator().MoveNext() && !defaults.GetEnumerator().MoveNext();
    }

    public StateField WithReducer(Func<object?, object?, object?> newReducer) => new(Property, Channel, newReducer, defaultValue);
}
