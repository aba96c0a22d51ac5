namespace Checkpoint;

/// <summary>A serialized channel value, keyed by channel and version (one row of LangGraph's <c>checkpoint_blobs</c>).</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Version">The channel version the value belongs to.</param>
/// <param name="Value">The serialized value; <see cref="SerializedValue.Empty"/> when the channel has no value at this version.</param>
public sealed record SerializedBlob(string Channel, string Version, SerializedValue Value);
