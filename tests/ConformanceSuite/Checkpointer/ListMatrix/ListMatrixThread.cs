namespace Checkpoint.ConformanceSuite;

/// <summary>The thread axis of <see cref="ListMatrixTests"/>: which <c>thread_id</c> the list config carries.</summary>
public enum ListMatrixThread
{
    /// <summary>No thread id: every thread is listed.</summary>
    None,

    /// <summary>The first seeded thread.</summary>
    First,

    /// <summary>The second seeded thread.</summary>
    Second,

    /// <summary>The third seeded thread.</summary>
    Third,

    /// <summary>The fourth seeded thread.</summary>
    Fourth,

    /// <summary>A thread id with no checkpoints.</summary>
    Unknown,
}
