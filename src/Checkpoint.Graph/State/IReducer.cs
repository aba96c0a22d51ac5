namespace Checkpoint.Graph;

/// <summary>Combines a state field's current value with an update (LangGraph's reducer, e.g. <c>operator.add</c>).</summary>
/// <typeparam name="T">The field's type.</typeparam>
/// <remarks>Implementations must return a new value rather than change <c>current</c> in place: checkpoints and readers may still hold it.</remarks>
public interface IReducer<T>
{
    /// <summary>Returns the field's value after applying <paramref name="update"/>.</summary>
    /// <param name="current">The current value (the field's default when it was never written).</param>
    /// <param name="update">The value a node wrote.</param>
    /// <returns>The new value.</returns>
    T Reduce(T current, T update);
}
