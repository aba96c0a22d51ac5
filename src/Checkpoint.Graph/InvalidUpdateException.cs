namespace Checkpoint.Graph;

/// <summary>
/// A write the graph cannot apply: several values in one step for a field without a reducer, a write to an unknown
/// field, or a state update whose node cannot be told (LangGraph's <c>InvalidUpdateError</c>).
/// </summary>
public sealed class InvalidUpdateException : InvalidOperationException
{
    /// <summary>Initializes an instance.</summary>
    public InvalidUpdateException()
    {
    }

    /// <summary>Initializes an instance with a message.</summary>
    /// <param name="message">What was wrong.</param>
    public InvalidUpdateException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes an instance with a message and a cause.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidUpdateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
