namespace Checkpoint;

/// <summary>
/// Thrown by any operation of a saver or store whose database has not been set up (its tables or schema do not
/// exist): <c>Setup()</c> or <c>SetupAsync()</c> must run once first. Every backend that needs a schema reports this
/// the same way, naming the database, instead of a driver error such as PostgreSQL's <c>42P01</c>.
/// </summary>
public sealed class SchemaNotSetUpException : InvalidOperationException
{
    /// <summary>Initializes a new instance.</summary>
    public SchemaNotSetUpException()
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">The message.</param>
    public SchemaNotSetUpException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SchemaNotSetUpException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance that names what was not set up.</summary>
    /// <param name="component">What is missing, for example "The PostgreSQL checkpointer schema 'public'".</param>
    /// <param name="detail">What the database reported, or <see langword="null"/>.</param>
    /// <param name="innerException">The driver's error.</param>
    public SchemaNotSetUpException(string component, string? detail, Exception? innerException)
        : base($"{component} has not been set up{(detail is null ? string.Empty : $" ({detail})")}: call Setup() or SetupAsync() once before using it. " +
               "Setup is idempotent and safe to run from several processes at once.", innerException)
    {
        Component = component;
    }

    /// <summary>Gets what was not set up.</summary>
    public string? Component { get; }
}
