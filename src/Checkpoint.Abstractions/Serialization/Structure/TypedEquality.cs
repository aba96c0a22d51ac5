namespace Checkpoint;

/// <summary>Compares two collection values declared with a shape through their element types' generic interfaces, or returns <see langword="null"/> when it does not know their types.</summary>
/// <param name="a">One value (not null).</param>
/// <param name="b">The other (not null).</param>
/// <param name="shape">Their declared shape.</param>
/// <param name="depth">Their depth.</param>
internal delegate bool? TypedEquality(object a, object b, ValueShape shape, int depth);
