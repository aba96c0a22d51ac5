using System.Text.Json.Nodes;
using Checkpoint.Graph.State;

namespace Checkpoint.Graph;

/// <summary>
/// A question a node asked with <see cref="NodeContext.Interrupt(object?)"/>, waiting for an answer (LangGraph's
/// <c>Interrupt</c>). Answer it with <c>Invoke(Command.Resume(answer), config)</c>, or, when several are pending, with
/// <c>Command.Resume(new Dictionary&lt;string, object?&gt; { [interrupt.Id] = answer, ... })</c>.
/// </summary>
/// <param name="Id">
/// The interrupt's id: 32 hex characters, stable across restarts, and different for every <c>Interrupt</c> call of a
/// task (the first, second, ... call of the same node run each get their own).
/// </param>
/// <param name="Value">What the node passed to <c>Interrupt</c>, as JSON (the form in which it is stored).</param>
public sealed record Interrupt(string Id, JsonNode? Value)
{
    /// <summary>Reads <see cref="Value"/> as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type to read, e.g. the record the node passed.</typeparam>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The value cannot be read as <typeparamref name="T"/>.</exception>
    public T? GetValue<T>() => (T?)ValueConversion.ToPropertyValue(Value, typeof(T), "interrupt value");

    /// <summary>Compares by id and by JSON value (not by reference), so the same interrupt read twice is equal.</summary>
    /// <param name="other">The other interrupt.</param>
    /// <returns>Whether both have the same id and equal values.</returns>
    public bool Equals(Interrupt? other) => other is not null && Id == other.Id && JsonNode.DeepEquals(Value, other.Value);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Id);
}
