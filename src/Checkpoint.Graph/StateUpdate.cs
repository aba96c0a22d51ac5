using System.Linq.Expressions;
using Checkpoint.Graph.State;

namespace Checkpoint.Graph;

/// <summary>
/// What a node returns (and what <c>Invoke</c> and <c>UpdateState</c> take): the state fields to write. Fields with a
/// reducer combine the written value with the current one; other fields are replaced.
/// </summary>
/// <remarks>
/// <para>
/// Return a partial state, converted implicitly: <c>return new MessagesState { Messages = [reply] };</c>. Each property
/// whose value differs from what a new <typeparamref name="TState"/> holds is written; properties left at their default
/// (null, an empty collection, 0, ...) are not.
/// </para>
/// <para>
/// To write a default value (clear a field, set a counter back to 0), name the field:
/// <c>new StateUpdate&lt;State&gt;().Set(s =&gt; s.Summary, null)</c>. A named field overrides the same field of a partial state.
/// Return <see langword="null"/> for no update.
/// </para>
/// <para>
/// A <see cref="Graph.Command"/> converts too: a node returns one to choose the next nodes (or to update its parent graph),
/// and <c>Invoke(Command.Resume(answer), config)</c> resumes a paused thread.
/// </para>
/// </remarks>
/// <typeparam name="TState">The state type.</typeparam>
public sealed class StateUpdate<TState>
    where TState : class, new()
{
    private readonly TState? _partial;
    private readonly List<KeyValuePair<string, object?>> _sets = [];
    private readonly Command? _command;

    /// <summary>Initializes an empty update; add fields with <see cref="Set{TValue}"/>.</summary>
    public StateUpdate()
    {
    }

    private StateUpdate(TState partial)
    {
        _partial = partial;
    }

    private StateUpdate(Command command)
    {
        _command = command;
    }

    /// <summary>Gets the command this update carries, when it was converted from one.</summary>
    internal Command? Command => _command;

    /// <summary>Converts a partial state: every property not at its default is written. <see langword="null"/> stays <see langword="null"/> (no update).</summary>
    /// <param name="partial">The partial state.</param>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(partial))]
    public static implicit operator StateUpdate<TState>?(TState? partial) => partial is null ? null : From(partial);

    /// <summary>Converts a command (to resume a thread, or to return from a node). <see langword="null"/> stays <see langword="null"/>.</summary>
    /// <param name="command">The command.</param>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(command))]
    public static implicit operator StateUpdate<TState>?(Command? command) => command is null ? null : new StateUpdate<TState>(command);

    /// <summary>Creates an update from a partial state: every property not at its default is written.</summary>
    /// <param name="partial">The partial state.</param>
    /// <returns>The update.</returns>
    public static StateUpdate<TState> From(TState partial)
    {
        ArgumentNullException.ThrowIfNull(partial);
        return new StateUpdate<TState>(partial);
    }

    /// <summary>Writes a field, even when the value is its default.</summary>
    /// <typeparam name="TValue">The field's type.</typeparam>
    /// <param name="field">The field, as <c>s =&gt; s.Property</c>.</param>
    /// <param name="value">The value (for a field with a reducer: the update to combine).</param>
    /// <returns>This update, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="field"/> does not select a state property.</exception>
    public StateUpdate<TState> Set<TValue>(Expression<Func<TState, TValue>> field, TValue value)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Set(StateSchema<TState>.Instance.Resolve(field).Channel, value);
    }

    /// <summary>Writes a field by its channel name (as stored in checkpoints, e.g. <c>messages</c>).</summary>
    /// <param name="channel">The channel name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This update, for chaining.</returns>
    /// <exception cref="ArgumentException">No state property maps to <paramref name="channel"/>.</exception>
    public StateUpdate<TState> Set(string channel, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        if (StateSchema<TState>.Instance.Find(channel) is null)
        {
            throw new ArgumentException(
                $"'{channel}' is not a field of {typeof(TState).Name} (fields: {string.Join(", ", StateSchema<TState>.Instance.Fields.Select(f => f.Channel))}).",
                nameof(channel));
        }

        _sets.RemoveAll(s => s.Key == channel);
        _sets.Add(new(channel, value));
        return this;
    }

    /// <summary>
    /// The writes of a command's update, a send's input, or any value given as an update: a partial state, an update,
    /// or a dictionary (or JSON object) keyed by channel name.
    /// </summary>
    /// <exception cref="InvalidUpdateException">The value is none of those, or names a channel the state does not have.</exception>
    internal static List<ChannelWrite> WritesOf(object? update, string what) => update switch
    {
        null => [],
        StateUpdate<TState> { Command: not null } => throw new InvalidUpdateException($"The {what} is itself a command; give it a state update instead."),
        StateUpdate<TState> stateUpdate => stateUpdate.ToWrites(),
        TState partial => From(partial).ToWrites(),
        System.Text.Json.Nodes.JsonObject json => [.. json.Select(p => new ChannelWrite(RequireChannel(p.Key, what), p.Value?.DeepClone()))],
        IEnumerable<KeyValuePair<string, object?>> pairs => [.. pairs.Select(p => new ChannelWrite(RequireChannel(p.Key, what), p.Value))],
        _ => throw new InvalidUpdateException(
            $"The {what} is a {update.GetType().Name}, but this graph's state is {typeof(TState).Name}: give a {typeof(TState).Name}, a StateUpdate<{typeof(TState).Name}> or a dictionary keyed by channel name."),
    };

    /// <summary>The writes this update makes, one per field.</summary>
    internal List<ChannelWrite> ToWrites()
    {
        if (_command is not null)
        {
            throw new InvalidUpdateException("A command cannot be used as a plain state update here: put the update in Command.Update, or pass the state update itself.");
        }

        var writes = new List<ChannelWrite>();
        if (_partial is not null)
        {
            foreach (var field in StateSchema<TState>.Instance.Fields)
            {
                var value = field.Get(_partial);
                if (!field.IsDefault(value) && !_sets.Exists(s => s.Key == field.Channel))
                {
                    writes.Add(new ChannelWrite(field.Channel, value));
                }
            }
        }

        writes.AddRange(_sets.Select(s => new ChannelWrite(s.Key, s.Value)));
        return writes;
    }

    private static string RequireChannel(string channel, string what) => StateSchema<TState>.Instance.Find(channel) is not null
        ? channel
        : throw new InvalidUpdateException(
            $"The {what} names '{channel}', which is not a field of {typeof(TState).Name} (fields: {string.Join(", ", StateSchema<TState>.Instance.Fields.Select(f => f.Channel))}).");
}
