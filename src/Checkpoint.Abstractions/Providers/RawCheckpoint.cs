namespace Checkpoint.Providers;

/// <summary>
/// A checkpoint in the form its saver stores it: the checkpoint without values, the stored values its channel versions
/// refer to (type tag and bytes, never deserialized), and its pending writes with their indexes. Read and written with
/// <see cref="RawCheckpointExtensions"/> by tools that move, export or inspect threads without knowing the application's
/// types (the <c>checkpoint</c> command-line tool).
/// </summary>
/// <remarks>
/// Long lists stored in chunks (see <c>docs/contracts.md</c>) appear as stored: a manifest under the channel's own
/// version, and one blob per chunk under a reserved channel <c>U+0001 &lt;index&gt; U+0001 &lt;channel&gt;</c> that
/// <see cref="GraphCheckpoint.ChannelVersions"/> of <see cref="Checkpoint"/> lists too. <see cref="GetValue"/> joins them.
/// </remarks>
public sealed class RawCheckpoint
{
    private Dictionary<(string Channel, string Version), SerializedBlob>? _byKey;

    /// <summary>Initializes a raw checkpoint.</summary>
    /// <param name="threadId">The thread.</param>
    /// <param name="checkpointNs">The namespace (<c>""</c> for the root graph).</param>
    /// <param name="parentCheckpointId">The parent checkpoint in the same thread and namespace, or <see langword="null"/>.</param>
    /// <param name="checkpoint">The checkpoint as stored: channel versions including chunk references, no channel values.</param>
    /// <param name="metadata">The metadata.</param>
    /// <param name="blobs">The stored values the channel versions refer to, one per version found.</param>
    /// <param name="writes">The pending writes, ordered by task id, then index.</param>
    public RawCheckpoint(
        string threadId,
        string checkpointNs,
        string? parentCheckpointId,
        GraphCheckpoint checkpoint,
        CheckpointMetadata metadata,
        IReadOnlyList<SerializedBlob> blobs,
        IReadOnlyList<SerializedWrite> writes)
    {
        ArgumentNullException.ThrowIfNull(threadId);
        ArgumentNullException.ThrowIfNull(checkpointNs);
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(writes);
        ThreadId = threadId;
        CheckpointNs = checkpointNs;
        ParentCheckpointId = parentCheckpointId;
        Checkpoint = checkpoint;
        Metadata = metadata;
        Blobs = blobs;
        Writes = writes;
    }

    /// <summary>Gets the thread.</summary>
    public string ThreadId { get; }

    /// <summary>Gets the namespace.</summary>
    public string CheckpointNs { get; }

    /// <summary>Gets the checkpoint id.</summary>
    public string CheckpointId => Checkpoint.Id;

    /// <summary>Gets the parent checkpoint id, or <see langword="null"/> for a root checkpoint.</summary>
    public string? ParentCheckpointId { get; }

    /// <summary>Gets the checkpoint as stored: its channel versions include chunk references; it holds no channel values.</summary>
    public GraphCheckpoint Checkpoint { get; }

    /// <summary>Gets the metadata.</summary>
    public CheckpointMetadata Metadata { get; }

    /// <summary>Gets the stored values the checkpoint's channel versions refer to: <see cref="SerializedValue.Empty"/> markers, chunk manifests and chunks included.</summary>
    public IReadOnlyList<SerializedBlob> Blobs { get; }

    /// <summary>Gets the pending writes, ordered by task id, then index.</summary>
    public IReadOnlyList<SerializedWrite> Writes { get; }

    /// <summary>Gets the channels of the stored channel versions that have no stored value at all (not even the empty marker): storage that lost a value.</summary>
    public IReadOnlyList<string> MissingBlobs =>
        [.. Checkpoint.ChannelVersions.Where(v => FindBlob(v.Key, v.Value) is null).Select(v => v.Key)];

    /// <summary>Gets the application's channels: the stored channel versions without chunk references.</summary>
    public IEnumerable<string> Channels => Checkpoint.ChannelVersions.Keys.Where(c => !IsChunkChannel(c));

    /// <summary>Returns whether <paramref name="channel"/> is a reserved chunk channel (U+0001 &lt;index&gt; U+0001 &lt;channel&gt;).</summary>
    /// <param name="channel">A channel name.</param>
    /// <returns><see langword="true"/> for a chunk reference.</returns>
    public static bool IsChunkChannel(string channel) => ChunkedValue.IsChunkChannel(channel);

    /// <summary>
    /// Returns the stored value of a channel at the checkpoint's version, with a long list's chunks joined again.
    /// </summary>
    /// <param name="channel">An application channel.</param>
    /// <returns>The value, or <see langword="null"/> when the channel has no value (absent, missing or the empty marker).</returns>
    /// <exception cref="CheckpointSerializationException">The value is a chunk manifest and a chunk is missing or damaged.</exception>
    public SerializedValue? GetValue(string channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (!Checkpoint.ChannelVersions.TryGetValue(channel, out var version) || FindBlob(channel, version) is not { } blob || blob.Value.IsEmpty)
        {
            return null;
        }

        if (!ChunkedValue.IsManifest(blob.Value))
        {
            return blob.Value;
        }

        var versions = ChunkedValue.VersionsOf(Checkpoint, channel, blob.Value);
        var chunks = new List<SerializedValue>(versions.Count);
        for (var i = 0; i < versions.Count; i++)
        {
            var reference = ChunkedValue.ChannelOf(channel, i);
            if (FindBlob(reference, versions[i]) is not { } chunk || !ChunkedValue.IsChunk(chunk.Value))
            {
                throw new CheckpointSerializationException($"Chunk {i} of channel '{channel}' in checkpoint {CheckpointId} is missing or is not a non-empty JSON list.", channel, null);
            }

            chunks.Add(chunk.Value);
        }

        return ChunkedValue.Join(ChunkedValue.ListTag(blob.Value), chunks);
    }

    /// <inheritdoc />
    public override string ToString() => $"{ThreadId}/{CheckpointNs}/{CheckpointId} ({Blobs.Count} values, {Writes.Count} writes)";

    private SerializedBlob? FindBlob(string channel, string version)
    {
        _byKey ??= Blobs.GroupBy(b => (b.Channel, b.Version)).ToDictionary(g => g.Key, g => g.First());
        return _byKey.GetValueOrDefault((channel, version));
    }
}
