using System.Collections.Immutable;
using System.Globalization;

namespace Checkpoint;

/// <summary>
/// Identifies a thread, a namespace inside it and optionally one checkpoint: the .NET form of
/// LangGraph's <c>config["configurable"]</c>.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="ThreadId"/> selects the conversation. <see cref="CheckpointNs"/> selects the graph level
/// inside it: <c>""</c> is the root graph, subgraphs use <c>"node:taskId"</c> segments joined by <c>|</c>.
/// A <see langword="null"/> namespace means "not specified": reads and writes treat it as <c>""</c>,
/// while <see cref="BaseCheckpointSaver.List(RunConfig?, CheckpointListOptions?)"/> treats it as
/// "every namespace".
/// </para>
/// <para>
/// On reads, <see cref="CheckpointId"/> names the checkpoint to load (absent means the latest).
/// On <see cref="BaseCheckpointSaver.Put"/> it names the <em>parent</em> of the checkpoint being written.
/// </para>
/// <para>
/// <see cref="Configurable"/> carries any further keys a graph run needs (for example <c>user_id</c>);
/// checkpointers ignore them.
/// </para>
/// </remarks>
public sealed record RunConfig
{
    /// <summary>Initializes a new <see cref="RunConfig"/>.</summary>
    /// <param name="threadId">The thread to address.</param>
    /// <param name="checkpointNs">The checkpoint namespace, or <see langword="null"/> when not specified.</param>
    /// <param name="checkpointId">The checkpoint to address, or <see langword="null"/> for the latest.</param>
    public RunConfig(string? threadId, string? checkpointNs = null, string? checkpointId = null)
    {
        ThreadId = threadId;
        CheckpointNs = checkpointNs;
        CheckpointId = checkpointId;
    }

    /// <summary>Gets the thread identifier (<c>thread_id</c>).</summary>
    public string? ThreadId { get; init; }

    /// <summary>Gets the checkpoint namespace (<c>checkpoint_ns</c>); <see langword="null"/> when not specified.</summary>
    public string? CheckpointNs { get; init; }

    /// <summary>Gets the checkpoint identifier (<c>checkpoint_id</c>); <see langword="null"/> means the latest.</summary>
    public string? CheckpointId { get; init; }

    /// <summary>Gets additional configurable values (for example <c>user_id</c>) that graph nodes can read.</summary>
    public ImmutableDictionary<string, object?> Configurable { get; init; } = ImmutableDictionary<string, object?>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Gets the namespace with the default applied: <see cref="CheckpointNs"/> or <c>""</c>.</summary>
    public string ResolvedCheckpointNs => CheckpointNs ?? string.Empty;

    /// <summary>Creates a config that addresses the latest checkpoint of the root namespace of a thread.</summary>
    /// <param name="threadId">The thread identifier.</param>
    /// <returns>A new config.</returns>
    public static RunConfig ForThread(string threadId) => new(threadId);

    /// <summary>Returns a copy that addresses the given checkpoint.</summary>
    /// <param name="checkpointId">The checkpoint identifier, or <see langword="null"/> for the latest.</param>
    /// <returns>A new config.</returns>
    public RunConfig WithCheckpointId(string? checkpointId) => this with { CheckpointId = checkpointId };

    /// <summary>Returns a copy that addresses the given namespace.</summary>
    /// <param name="checkpointNs">The namespace.</param>
    /// <returns>A new config.</returns>
    public RunConfig WithCheckpointNs(string? checkpointNs) => this with { CheckpointNs = checkpointNs };

    /// <summary>Returns a copy carrying one more configurable value.</summary>
    /// <param name="key">The key, for example <c>user_id</c>.</param>
    /// <param name="value">The value.</param>
    /// <returns>A new config.</returns>
    public RunConfig With(string key, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return this with { Configurable = Configurable.SetItem(key, value) };
    }

    /// <summary>
    /// Reads a configurable value as <typeparamref name="T"/>. A simple value of another type is converted (invariant
    /// culture), as a dynamically typed config would read it: <c>With("user_id", 1)</c> reads as the string <c>"1"</c>, and
    /// <c>With("limit", "5")</c> as the number 5.
    /// </summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="key">The key.</param>
    /// <returns>The value, or <see langword="default"/> when it is absent or <see langword="null"/>.</returns>
    /// <exception cref="InvalidCastException">The value cannot be read as <typeparamref name="T"/>.</exception>
    public T? Get<T>(string key)
    {
        if (!Configurable.TryGetValue(key, out var value) || value is null)
        {
            return default;
        }

        if (value is T typed)
        {
            return typed;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        try
        {
            if (target == typeof(string) && value is IConvertible or IFormattable)
            {
                return (T)(object)(value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : ((IConvertible)value).ToString(CultureInfo.InvariantCulture));
            }

            if (value is IConvertible && (target.IsPrimitive || target == typeof(decimal)))
            {
                return (T)Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
            }

            if (target == typeof(Guid) && value is string text)
            {
                return (T)(object)Guid.Parse(text, CultureInfo.InvariantCulture);
            }
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidCastException)
        {
            throw new InvalidCastException($"Config key '{key}' holds the {value.GetType().Name} '{value}', which cannot be read as {target.Name}: {e.Message}", e);
        }

        throw new InvalidCastException($"Config key '{key}' holds a {value.GetType().Name}, which cannot be read as {typeof(T).Name}.");
    }

    /// <inheritdoc />
    public bool Equals(RunConfig? other) =>
        other is not null
        && string.Equals(ThreadId, other.ThreadId, StringComparison.Ordinal)
        && string.Equals(CheckpointNs, other.CheckpointNs, StringComparison.Ordinal)
        && string.Equals(CheckpointId, other.CheckpointId, StringComparison.Ordinal)
        && Configurable.Count == other.Configurable.Count
        && Configurable.All(pair => other.Configurable.TryGetValue(pair.Key, out var value) && Equals(pair.Value, value));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ThreadId, CheckpointNs, CheckpointId, Configurable.Count);

    /// <inheritdoc />
    public override string ToString() =>
        $"thread_id={ThreadId ?? "<none>"}, checkpoint_ns={(CheckpointNs is null ? "<unspecified>" : $"\"{CheckpointNs}\"")}, checkpoint_id={CheckpointId ?? "<latest>"}";
}
