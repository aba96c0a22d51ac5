namespace Checkpoint.ConformanceSuite;

/// <summary>The <c>before</c> axis of <see cref="ListMatrixTests"/>.</summary>
public enum ListMatrixBefore
{
    /// <summary>No bound.</summary>
    None,

    /// <summary>Before the config of a seeded parent checkpoint (an id in the middle of the seeded range).</summary>
    Parent,

    /// <summary>Before the config of that parent's child checkpoint.</summary>
    Child,
}
