namespace Checkpoint;

/// <summary>
/// Thrown when a stored checkpoint cannot be read because what the database holds is damaged: its checkpoint or
/// metadata JSON is malformed or has the wrong shape, a chunk of a long list is missing or corrupt, or a stored record
/// does not have the form the backend wrote. Names the thread, namespace and checkpoint, and says what is wrong.
/// </summary>
/// <remarks>
/// A value that the serializer refuses (a type that is not allow-listed, a ciphertext that fails authentication) is a
/// <see cref="CheckpointSerializationException"/> instead: the record is intact, but its value cannot be loaded. A
/// damaged thread can always be removed with <see cref="BaseCheckpointSaver.DeleteThread"/>, and
/// <see cref="BaseCheckpointSaver.ListThreads"/> lists threads without reading their contents.
/// </remarks>
public sealed class CorruptCheckpointException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public CorruptCheckpointException()
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">The message.</param>
    public CorruptCheckpointException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public CorruptCheckpointException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance that names the damaged checkpoint.</summary>
    /// <param name="threadId">The thread.</param>
    /// <param name="checkpointNs">The namespace.</param>
    /// <param name="checkpointId">The checkpoint, when known.</param>
    /// <param name="problem">What is wrong, as a sentence fragment (for example "its channel_versions is not a JSON object").</param>
    /// <param name="innerException">The cause, when there is one.</param>
    public CorruptCheckpointException(string threadId, string checkpointNs, string? checkpointId, string problem, Exception? innerException = null)
        : base(Describe(threadId, checkpointNs, checkpointId, problem), innerException)
    {
        ThreadId = threadId;
        CheckpointNs = checkpointNs;
        CheckpointId = checkpointId;
        Problem = problem;
    }

    /// <summary>Gets the thread of the damaged checkpoint.</summary>
    public string? ThreadId { get; }

    /// <summary>Gets the namespace of the damaged checkpoint.</summary>
    public string? CheckpointNs { get; }

    /// <summary>Gets the id of the damaged checkpoint, when known.</summary>
    public string? CheckpointId { get; }

    /// <summary>Gets what is wrong with the stored data.</summary>
    public string? Problem { get; }

    private static string Describe(string threadId, string checkpointNs, string? checkpointId, string problem) =>
        $"The stored checkpoint {checkpointId ?? "(unknown id)"} of thread '{threadId}' in namespace '{checkpointNs}' is damaged: {problem}. " +
        "Delete or restore the thread; DeleteThread works on damaged data.";
}
