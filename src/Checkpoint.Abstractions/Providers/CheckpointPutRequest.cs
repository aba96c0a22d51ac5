namespace Checkpoint.Providers;

/// <summary>
/// A validated, already serialized <see cref="BaseCheckpointSaver.Put"/> call, as a backend receives it in
/// <see cref="BaseCheckpointSaver.PutCore"/>. Serialization happens before any I/O, so a value that cannot be
/// serialized never leaves a half-written checkpoint.
/// </summary>
/// <param name="ThreadId">The thread.</param>
/// <param name="CheckpointNs">The namespace (never <see langword="null"/>).</param>
/// <param name="CheckpointId">The id of the checkpoint being written.</param>
/// <param name="ParentCheckpointId">The parent checkpoint id (the id of the config passed to put), or <see langword="null"/>.</param>
/// <param name="Checkpoint">The checkpoint to store: a copy of the one given whose channel versions also reference the chunks of long lists (see <see cref="BaseCheckpointSaver.AssembleChannelValues"/>).</param>
/// <param name="Metadata">The metadata as given.</param>
/// <param name="CheckpointJson">The checkpoint to store without channel values, as JSON (see <see cref="CheckpointJson"/>).</param>
/// <param name="MetadataJson">The metadata as JSON.</param>
/// <param name="Blobs">One serialized value per channel of <c>newVersions</c> (<see cref="SerializedValue.Empty"/> where the checkpoint has no value), plus the chunks of long lists; store each under its (channel, version) key, insert-if-absent.</param>
public sealed record CheckpointPutRequest(
    string ThreadId,
    string CheckpointNs,
    string CheckpointId,
    string? ParentCheckpointId,
    GraphCheckpoint Checkpoint,
    CheckpointMetadata Metadata,
    string CheckpointJson,
    string MetadataJson,
    IReadOnlyList<SerializedBlob> Blobs);
