namespace Checkpoint;

/// <summary>How a put stores one channel value: whole, or as a manifest plus chunks.</summary>
/// <param name="Value">The value whole, or the manifest when <paramref name="Chunks"/> is not empty.</param>
/// <param name="Chunks">The chunks, in order; empty when the value is stored whole.</param>
internal sealed record StoredValue(SerializedValue Value, IReadOnlyList<StoredChunk> Chunks);
