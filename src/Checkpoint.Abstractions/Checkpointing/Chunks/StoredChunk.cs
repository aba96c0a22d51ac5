using Checkpoint.Providers;

namespace Checkpoint;

/// <summary>One chunk of a long list as a put stores it.</summary>
/// <param name="Version">The chunk's version (a hash of its content).</param>
/// <param name="Value">The chunk's stored form.</param>
/// <param name="Items">The number of list items in the chunk.</param>
/// <param name="WrittenBefore">Whether this saver stored or read the same chunk at the same index for the same channel before (see <see cref="SerializedBlob.WrittenBefore"/>).</param>
internal readonly record struct StoredChunk(string Version, SerializedValue Value, int Items, bool WrittenBefore);
