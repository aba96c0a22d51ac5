namespace Checkpoint.Graph;

/// <summary>
/// Gives a state property a reducer: updates are combined with the current value instead of replacing it, and
/// parallel nodes may update it in the same step.
/// </summary>
/// <example><code>[Reducer(typeof(AddMessagesReducer))] public List&lt;ChatMessage&gt; Messages { get; set; } = [];</code></example>
/// <param name="reducerType">A type with a public parameterless constructor implementing <see cref="IReducer{T}"/> for the property's type.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class ReducerAttribute(Type reducerType) : Attribute
{
    /// <summary>Gets the reducer type.</summary>
    public Type ReducerType { get; } = reducerType;
}
