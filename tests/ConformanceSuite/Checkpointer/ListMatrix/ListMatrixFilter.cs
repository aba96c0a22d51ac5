namespace Checkpoint.ConformanceSuite;

/// <summary>The metadata-filter axis of <see cref="ListMatrixTests"/>.</summary>
public enum ListMatrixFilter
{
    /// <summary>No filter (<see langword="null"/>).</summary>
    None,

    /// <summary>An empty filter, which matches everything.</summary>
    Empty,

    /// <summary><c>{"source": "input"}</c>: the parent checkpoints.</summary>
    SourceInput,

    /// <summary><c>{"source": "loop"}</c>: the child checkpoints.</summary>
    SourceLoop,
}
