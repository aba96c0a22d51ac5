using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using Checkpoint.Graph.Channels;

namespace Checkpoint.Graph.State;

/// <summary>
/// The channels of a state class: one per public read-write property, named in snake_case or by
/// <see cref="ChannelAttribute"/>, with the reducer of <see cref="ReducerAttribute"/> if any.
/// </summary>
internal sealed class StateSchema<TState>
    where TState : class, new()
{
    private static readonly Lazy<StateSchema<TState>> Shared = new(() => new StateSchema<TState>());

    private StateSchema()
    {
        var defaults = new TState();
        var fields = new List<StateField>();
        foreach (var property in typeof(TState).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || !property.CanRead || property.SetMethod is not { IsPublic: true }
                || property.IsDefined(typeof(IgnoreStateAttribute), inherit: true))
            {
                continue;
            }

            var channel = property.GetCustomAttribute<ChannelAttribute>(inherit: true)?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            ValidateChannelName(channel, property);
            var reducer = property.GetCustomAttribute<ReducerAttribute>(inherit: true) is { } attribute ? CreateReducer(attribute.ReducerType, property) : null;
            fields.Add(new StateField(property, channel, reducer, property.GetValue(defaults)));
        }

        if (fields.Count == 0)
        {
            throw new ArgumentException($"{typeof(TState).Name} has no public read-write properties, so it has no state fields.", nameof(TState));
        }

        var duplicate = fields.GroupBy(f => f.Channel, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"{typeof(TState).Name} maps several properties to the channel '{duplicate.Key}'.", nameof(TState));
        }

        Fields = fields;
    }

    public static StateSchema<TState> Instance => Shared.Value;

    public IReadOnlyList<StateField> Fields { get; }

    public StateField? Find(string channel) => Fields.FirstOrDefault(f => f.Channel == channel);

    /// <summary>Finds the field a lambda such as <c>s =&gt; s.Messages</c> selects.</summary>
    public StateField Resolve(LambdaExpression selector)
    {
        var body = selector.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : selector.Body;
        if (body is MemberExpression { Member: PropertyInfo property, Expression: ParameterExpression }
            && Fields.FirstOrDefault(f => f.Property.Name == property.Name) is { } field)
        {
            return field;
        }

        throw new ArgumentException($"'{selector}' does not select a state property of {typeof(TState).Name}; use a lambda such as s => s.Messages.", nameof(selector));
    }

    /// <summary>Builds a state object from channel values; fields without a value keep their defaults.</summary>
    public TState Read(IReadOnlyDictionary<string, object?> values)
    {
        var state = new TState();
        foreach (var field in Fields)
        {
            if (values.TryGetValue(field.Channel, out var value))
            {
                field.Set(state, value);
            }
        }

        return state;
    }

    /// <summary>Builds a state from a send's input (JSON by channel); fields it does not name keep their defaults.</summary>
    public TState Read(System.Text.Json.Nodes.JsonObject args)
    {
        var state = new TState();
        foreach (var field in Fields)
        {
            if (args.TryGetPropertyValue(field.Channel, out var value))
            {
                field.Set(state, value);
            }
        }

        return state;
    }

    public TState Read(IReadOnlyDictionary<string, Channel> channels)
    {
        var state = new TState();
        foreach (var field in Fields)
        {
            if (channels.TryGetValue(field.Channel, out var channel) && channel.IsAvailable)
            {
                field.Set(state, channel.Get());
            }
        }

        return state;
    }

    private static void ValidateChannelName(string channel, PropertyInfo property)
    {
        if (string.IsNullOrEmpty(channel) || channel.StartsWith("__", StringComparison.Ordinal)
            || channel.Contains(':', StringComparison.Ordinal) || channel.Contains('|', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"{typeof(TState).Name}.{property.Name} maps to channel '{channel}', which is not allowed: channel names are non-empty, have no ':' or '|' and do not start with '__'.",
                nameof(TState));
        }
    }

    private static Func<object?, object?, object?> CreateReducer(Type reducerType, PropertyInfo property)
    {
        var contract = typeof(IReducer<>).MakeGenericType(property.PropertyType);
        if (!contract.IsAssignableFrom(reducerType) || reducerType.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new ArgumentException(
                $"The reducer of {typeof(TState).Name}.{property.Name} must be a type with a public parameterless constructor implementing IReducer<{property.PropertyType.Name}>; {reducerType.Name} is not.",
                nameof(TState));
        }

        var wrap = typeof(StateSchema<TState>).GetMethod(nameof(WrapReducer), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(property.PropertyType);
        return (Func<object?, object?, object?>)wrap.Invoke(null, [Activator.CreateInstance(reducerType)])!;
    }

    private static Func<object?, object?, object?> WrapReducer<T>(IReducer<T> reducer) =>
        (current, update) => reducer.Reduce(current is T c ? c : default!, update is T u ? u : default!);
}
