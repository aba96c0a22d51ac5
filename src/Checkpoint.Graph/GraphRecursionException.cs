namespace Checkpoint.Graph;

/// <summary>
/// A run reached its step limit (25 by default, <c>recursion_limit</c> in the run config) while nodes were still
/// triggered (LangGraph's <c>GraphRecursionError</c>). The last completed step is checkpointed.
/// </summary>
public sealed class GraphRecursionException : InvalidOperationException
{
    /// <summary>Initializes an instance.</summary>
    public GraphRecursionException()
    {
    }

    /// <summary>Initializes an instance with a message.</summary>
    /// <param name="message">What was wrong.</param>
    public GraphRecursionException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes an instance with a message and a cause.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public GraphRecursionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
