using System.Text.Json;
using Checkpoint.Providers;

namespace Checkpoint;

/// <content>Reading stored checkpoint records: damage becomes a <see cref="CorruptCheckpointException"/> naming the record.</content>
public abstract partial class BaseCheckpointSaver
{
    /// <summary>Reads a stored checkpoint's JSON (see <see cref="CheckpointJson"/>), refusing damaged data.</summary>
    /// <param name="threadId">The thread of the stored row.</param>
    /// <param name="checkpointNs">The namespace of the stored row.</param>
    /// <param name="checkpointId">The checkpoint id of the stored row; the JSON must carry the same id.</param>
    /// <param name="json">The stored JSON text.</param>
    /// <returns>The checkpoint, with no channel values yet.</returns>
    /// <exception cref="CorruptCheckpointException">The JSON is malformed, has the wrong shape, or names another checkpoint.</exception>
    protected static GraphCheckpoint ReadStoredCheckpoint(string threadId, string checkpointNs, string checkpointId, string json) =>
        CheckId(threadId, checkpointNs, checkpointId, ReadStored(threadId, checkpointNs, checkpointId, "checkpoint", () => ParsedCheckpoints.Read(threadId, checkpointNs, checkpointId, json, CheckpointJson.Deserialize)));

    /// <summary>Reads a stored checkpoint's UTF-8 JSON, refusing damaged data; see <see cref="ReadStoredCheckpoint(string, string, string, string)"/>.</summary>
    /// <param name="threadId">The thread of the stored row.</param>
    /// <param name="checkpointNs">The namespace of the stored row.</param>
    /// <param name="checkpointId">The checkpoint id of the stored row; the JSON must carry the same id.</param>
    /// <param name="utf8Json">The stored UTF-8 JSON.</param>
    /// <returns>The checkpoint, with no channel values yet.</returns>
    /// <exception cref="CorruptCheckpointException">The JSON is malformed, has the wrong shape, or names another checkpoint.</exception>
    protected static GraphCheckpoint ReadStoredCheckpoint(string threadId, string checkpointNs, string checkpointId, byte[] utf8Json) =>
        CheckId(threadId, checkpointNs, checkpointId, ReadStored(threadId, checkpointNs, checkpointId, "checkpoint", () => ParsedCheckpoints.Read(threadId, checkpointNs, checkpointId, utf8Json, json => CheckpointJson.Deserialize(json))));

    /// <summary>Reads stored metadata JSON, refusing damaged data.</summary>
    /// <param name="threadId">The thread of the stored row.</param>
    /// <param name="checkpointNs">The namespace of the stored row.</param>
    /// <param name="checkpointId">The checkpoint id of the stored row.</param>
    /// <param name="json">The stored JSON text.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="CorruptCheckpointException">The JSON is malformed or not an object.</exception>
    protected static CheckpointMetadata ReadStoredMetadata(string threadId, string checkpointNs, string checkpointId, string json) =>
        ReadStored(threadId, checkpointNs, checkpointId, "metadata", () => CheckpointMetadata.Parse(json));

    /// <summary>Reads stored metadata UTF-8 JSON, refusing damaged data.</summary>
    /// <param name="threadId">The thread of the stored row.</param>
    /// <param name="checkpointNs">The namespace of the stored row.</param>
    /// <param name="checkpointId">The checkpoint id of the stored row.</param>
    /// <param name="utf8Json">The stored UTF-8 JSON.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="CorruptCheckpointException">The JSON is malformed or not an object.</exception>
    protected static CheckpointMetadata ReadStoredMetadata(string threadId, string checkpointNs, string checkpointId, byte[] utf8Json) =>
        ReadStored(threadId, checkpointNs, checkpointId, "metadata", () => CheckpointMetadata.Parse(utf8Json));

    /// <summary>
    /// Runs <paramref name="read"/>, which decodes part of a stored record; a failure (malformed JSON, a field of the
    /// wrong type, an undecodable record) becomes a <see cref="CorruptCheckpointException"/> naming the record.
    /// </summary>
    /// <typeparam name="T">What is read.</typeparam>
    /// <param name="threadId">The thread of the stored record.</param>
    /// <param name="checkpointNs">The namespace of the stored record.</param>
    /// <param name="checkpointId">The checkpoint of the stored record, when known.</param>
    /// <param name="part">What is being read, for the message (for example "checkpoint", "metadata", "pending write").</param>
    /// <param name="read">The decoding.</param>
    /// <returns>What <paramref name="read"/> returns.</returns>
    /// <exception cref="CorruptCheckpointException"><paramref name="read"/> failed.</exception>
    protected static T ReadStored<T>(string threadId, string checkpointNs, string? checkpointId, string part, Func<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return read();
        }
        catch (Exception e) when (e is not (OperationCanceledException or CorruptCheckpointException or CheckpointSerializationException or OutOfMemoryException))
        {
            var reason = e is JsonException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            throw new CorruptCheckpointException(threadId, checkpointNs, checkpointId, $"its stored {part} cannot be read ({reason})", e);
        }
    }

    private static GraphCheckpoint CheckId(string threadId, string checkpointNs, string checkpointId, GraphCheckpoint checkpoint) =>
        string.Equals(checkpoint.Id, checkpointId, StringComparison.Ordinal)
            ? checkpoint
            : throw new CorruptCheckpointException(threadId, checkpointNs, checkpointId, $"its stored checkpoint JSON carries another id ({checkpoint.Id})");
}
