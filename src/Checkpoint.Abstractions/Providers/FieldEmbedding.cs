namespace Checkpoint.Providers;

/// <summary>The embedding of one indexed field of an item.</summary>
/// <param name="Field">The field name (see <see cref="IndexedText.Extract"/>).</param>
/// <param name="Vector">The embedding.</param>
public sealed record FieldEmbedding(string Field, float[] Vector);
