namespace Checkpoint;

/// <summary>Copies a collection value declared with a shape through its element types' generic interfaces, or returns <see langword="null"/> when it does not know the value's type.</summary>
/// <param name="value">The value (not null).</param>
/// <param name="shape">Its declared shape.</param>
/// <param name="context">The copy's state.</param>
/// <param name="depth">The value's depth.</param>
internal delegate object? TypedCopy(object value, ValueShape shape, CopyContext context, int depth);
