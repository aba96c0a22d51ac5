namespace Checkpoint;

/// <summary>
/// Thrown when a stored store item cannot be read because what the database holds is damaged: its document is not a
/// JSON object, or a stored field does not have the form the backend wrote. Names the namespace and key, and says what
/// is wrong, so a tool can report the item and read on past it.
/// </summary>
/// <remarks>A damaged item can always be removed with a delete of its namespace and key.</remarks>
public sealed class CorruptItemException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public CorruptItemException()
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">The message.</param>
    public CorruptItemException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public CorruptItemException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance that names the damaged item.</summary>
    /// <param name="namespace">The namespace of the item.</param>
    /// <param name="key">The key of the item.</param>
    /// <param name="problem">What is wrong, as a sentence fragment (for example "its document is not a JSON object").</param>
    /// <param name="innerException">The cause, when there is one.</param>
    public CorruptItemException(StoreNamespace @namespace, string key, string problem, Exception? innerException = null)
        : base($"The stored item '{key}' in namespace {@namespace} is damaged: {problem}. Delete or restore the item.", innerException)
    {
        Namespace = @namespace;
        Key = key;
        Problem = problem;
    }

    /// <summary>Gets the namespace of the damaged item.</summary>
    public StoreNamespace? Namespace { get; }

    /// <summary>Gets the key of the damaged item.</summary>
    public string? Key { get; }

    /// <summary>Gets what is wrong with the stored data.</summary>
    public string? Problem { get; }
}
