namespace Checkpoint;

/// <summary>Thrown when a namespace cannot be written to; see <see cref="StoreNamespace.Validate"/>.</summary>
public sealed class InvalidNamespaceException : ArgumentException
{
    /// <summary>Initializes a new instance.</summary>
    public InvalidNamespaceException()
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">The message.</param>
    public InvalidNamespaceException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidNamespaceException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance for a namespace.</summary>
    /// <param name="message">The message.</param>
    /// <param name="namespace">The offending namespace.</param>
    public InvalidNamespaceException(string message, StoreNamespace @namespace)
        : base(message, "namespace")
    {
        Namespace = @namespace;
    }

    /// <summary>Gets the offending namespace.</summary>
    public StoreNamespace Namespace { get; }
}
