namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Thrown by <see cref="CheckpointTestStore"/> start-up when the backend's database cannot be had (no connection string
/// and no Docker, or the server does not answer). The kit turns it into a skip, or into a failure when the backend is
/// listed in <c>CHECKPOINT_TESTS_REQUIRE</c>.
/// </summary>
public sealed class BackendUnavailableException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public BackendUnavailableException()
    {
    }

    /// <summary>Initializes a new instance with the reason.</summary>
    /// <param name="message">Why the backend is unavailable; shown as the skip reason.</param>
    public BackendUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the reason and the cause.</summary>
    /// <param name="message">Why the backend is unavailable; shown as the skip reason.</param>
    /// <param name="innerException">The cause.</param>
    public BackendUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
