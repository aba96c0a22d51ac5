namespace Checkpoint.Cli.Transfer;

/// <summary>What happened to one thread in a copy or an import.</summary>
internal enum ThreadOutcome
{
    /// <summary>Written, and the target's checksum equals the source's.</summary>
    Copied,

    /// <summary>The target already held an identical thread: nothing was written.</summary>
    AlreadyThere,

    /// <summary>The target holds the thread with checkpoints the source does not have: not written (see <c>--overwrite</c>).</summary>
    Conflict,

    /// <summary>Written, but the target's checksum differs from the source's.</summary>
    Mismatch,
}
