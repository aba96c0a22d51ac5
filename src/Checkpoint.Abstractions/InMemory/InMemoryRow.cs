using Checkpoint.Providers;

namespace Checkpoint;

/// <summary>
/// One checkpoint row of an <see cref="InMemorySaver"/> as taken under the database lock: everything its tuple is built
/// from, so values are loaded (and copied) outside the lock.
/// </summary>
/// <param name="ThreadId">The thread.</param>
/// <param name="Ns">The namespace.</param>
/// <param name="Checkpoint">The checkpoint read from the stored JSON, with no channel values yet.</param>
/// <param name="Stored">The stored row (metadata and parent).</param>
/// <param name="Blobs">The stored blobs the checkpoint's channel versions name.</param>
/// <param name="Writes">The checkpoint's pending writes.</param>
internal sealed record InMemoryRow(string ThreadId, string Ns, GraphCheckpoint Checkpoint, StoredCheckpoint Stored, List<SerializedBlob> Blobs, SerializedWrite[] Writes);
