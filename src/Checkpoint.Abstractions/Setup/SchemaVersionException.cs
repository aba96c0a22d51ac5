namespace Checkpoint;

/// <summary>
/// Thrown by <c>Setup()</c> when the database was migrated by a newer version of this library than the one
/// running: the code does not know the newer schema, so it refuses to touch it rather than risk data.
/// </summary>
public sealed class SchemaVersionException : InvalidOperationException
{
    /// <summary>Initializes a new instance.</summary>
    public SchemaVersionException()
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">The message.</param>
    public SchemaVersionException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SchemaVersionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance describing the two versions.</summary>
    /// <param name="component">What was being set up, for example "PostgreSQL checkpoint schema".</param>
    /// <param name="databaseVersion">The version recorded in the database.</param>
    /// <param name="supportedVersion">The newest version this code knows.</param>
    public SchemaVersionException(string component, int databaseVersion, int supportedVersion)
        : base($"The {component} is at version {databaseVersion}, newer than version {supportedVersion}, the newest this library knows. " +
               "Upgrade the Checkpoint packages of this application; nothing was changed.")
    {
        Component = component;
        DatabaseVersion = databaseVersion;
        SupportedVersion = supportedVersion;
    }

    /// <summary>Gets what was being set up.</summary>
    public string? Component { get; }

    /// <summary>Gets the version recorded in the database.</summary>
    public int DatabaseVersion { get; }

    /// <summary>Gets the newest version this code knows.</summary>
    public int SupportedVersion { get; }
}
