namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Raw access to what a backend stores, with the powers of someone who can write to its database: the kit plants
/// damage and moves ciphertexts with it, to check that every backend reports them instead of returning wrong data.
/// </summary>
/// <remarks>A backend's editor uses the database directly (SQL, Redis commands), never the saver.</remarks>
public abstract class StoredDataEditor
{
    /// <summary>Reads a stored channel value as it is held (for an encrypted value, the ciphertext).</summary>
    /// <param name="threadId">The thread.</param>
    /// <param name="checkpointNs">The namespace.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="version">The channel version.</param>
    /// <returns>The stored value, or <see langword="null"/> when there is none.</returns>
    public abstract Task<SerializedValue?> ReadBlobAsync(string threadId, string checkpointNs, string channel, string version);

    /// <summary>Replaces a stored channel value, or stores one where there was none.</summary>
    /// <param name="threadId">The thread.</param>
    /// <param name="checkpointNs">The namespace.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="version">The channel version.</param>
    /// <param name="value">The value to hold.</param>
    /// <returns>A task that completes when the value is stored.</returns>
    public abstract Task ReplaceBlobAsync(string threadId, string checkpointNs, string channel, string version, SerializedValue value);

    /// <summary>Removes a stored channel value.</summary>
    /// <param name="threadId">The thread.</param>
    /// <param name="checkpointNs">The namespace.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="version">The channel version.</param>
    /// <returns>A task that completes when the value is gone.</returns>
    public abstract Task DeleteBlobAsync(string threadId, string checkpointNs, string channel, string version);

    /// <summary>Reads the stored value of a pending write.</summary>
    /// <param name="threadId">The thread.</param>
    /// <param name="checkpointNs">The namespace.</param>
    /// <param name="checkpointId">The checkpoint.</param>
    /// <param name="taskId">The task.</param>
    /// <param name="index">The write index.</param>
    /// <returns>The stored value, or <see langword="null"/> when there is no such write.</returns>
    public abstract Task<SerializedValue?> ReadWriteAsync(string threadId, string checkpointNs, string checkpointId, string taskId, int index);

    /// <summary>Replaces the stored value of an existing pending write.</summary>
    /// <param name="threadId">The thread.</param>
    /// <param name="checkpointNs">The namespace.</param>
    /// <param name="checkpointId">The checkpoint.</param>
    /// <param name="taskId">The task.</param>
    /// <param name="index">The write index.</param>
    /// <param name="value">The value to hold.</param>
    /// <returns>A task that completes when the value is stored.</returns>
    public abstract Task ReplaceWriteAsync(string threadId, string checkpointNs, string checkpointId, string taskId, int index, SerializedValue value);

    /// <summary>Replaces a stored checkpoint's JSON (the checkpoint without its values).</summary>
    /// <param name="threadId">The thread.</param>
    /// <param name="checkpointNs">The namespace.</param>
    /// <param name="checkpointId">The checkpoint.</param>
    /// <param name="json">The text to hold; it may be malformed.</param>
    /// <returns><see langword="false"/> when the backend's storage cannot hold <paramref name="json"/> at all (a JSON column refuses malformed text).</returns>
    public abstract Task<bool> TryReplaceCheckpointAsync(string threadId, string checkpointNs, string checkpointId, string json);

    /// <summary>Replaces a stored checkpoint's metadata JSON.</summary>
    /// <param name="threadId">The thread.</param>
    /// <param name="checkpointNs">The namespace.</param>
    /// <param name="checkpointId">The checkpoint.</param>
    /// <param name="json">The text to hold; it may be malformed.</param>
    /// <returns><see langword="false"/> when the backend's storage cannot hold <paramref name="json"/> at all.</returns>
    public abstract Task<bool> TryReplaceMetadataAsync(string threadId, string checkpointNs, string checkpointId, string json);

    /// <summary>Replaces the stored document of an existing store item, written by a store over the same database.</summary>
    /// <param name="namespace">The item's namespace.</param>
    /// <param name="key">The item's key.</param>
    /// <param name="json">The text to hold; it may be malformed, or JSON that is not an object.</param>
    /// <returns><see langword="false"/> when the backend's storage cannot hold <paramref name="json"/> at all (a JSON column refuses malformed text).</returns>
    public abstract Task<bool> TryReplaceItemDocumentAsync(StoreNamespace @namespace, string key, string json);
}
