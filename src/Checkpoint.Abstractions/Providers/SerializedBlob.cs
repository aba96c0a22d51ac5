namespace Checkpoint.Providers;

/// <summary>A serialized channel value, keyed by channel and version (one row of LangGraph's <c>checkpoint_blobs</c>).</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Version">The channel version the value belongs to.</param>
/// <param name="Value">The serialized value; <see cref="SerializedValue.Empty"/> when the channel has no value at this version.</param>
public sealed record SerializedBlob(string Channel, string Version, SerializedValue Value)
{
    /// <summary>
    /// Gets a hint, never a guarantee: this saver stored or read the same (channel, version) on the same thread and
    /// namespace before (an unchanged chunk of a long list), so the database probably holds it already. A backend may
    /// send only the key of such a blob when the same atomic write checks that the key exists and, when it does not, the
    /// value is written after all; a backend may always ignore the hint.
    /// </summary>
    public bool WrittenBefore { get; init; }
}
