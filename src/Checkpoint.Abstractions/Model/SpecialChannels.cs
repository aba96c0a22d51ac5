namespace Checkpoint;

/// <summary>
/// Reserved channel names and the fixed write indexes of the special ones (LangGraph's <c>WRITES_IDX_MAP</c>).
/// </summary>
/// <remarks>
/// A regular write is stored at its position in the <see cref="BaseCheckpointSaver.PutWrites"/> call (0, 1, 2, ...)
/// and is insert-if-absent, so a retried call stores nothing twice. A special write has a fixed negative index and
/// is upserted, so a task has at most one of each and the latest wins.
/// </remarks>
public static class SpecialChannels
{
    /// <summary>The channel a failed task's error is written to (index -1).</summary>
    public const string Error = "__error__";

    /// <summary>The channel of scheduled tasks (index -2).</summary>
    public const string Scheduled = "__scheduled__";

    /// <summary>The channel of interrupts (index -3).</summary>
    public const string Interrupt = "__interrupt__";

    /// <summary>The channel of resume values (index -4).</summary>
    public const string Resume = "__resume__";

    /// <summary>The channel that carries sends to the next step (<c>__pregel_tasks</c>); not special for indexing.</summary>
    public const string Tasks = "__pregel_tasks";

    /// <summary>Returns the fixed index of a special channel.</summary>
    /// <param name="channel">The channel name.</param>
    /// <param name="index">The fixed negative index when <paramref name="channel"/> is special.</param>
    /// <returns><see langword="true"/> when the channel is special.</returns>
    public static bool TryGetFixedIndex(string channel, out int index)
    {
        index = channel switch
        {
            Error => -1,
            Scheduled => -2,
            Interrupt => -3,
            Resume => -4,
            _ => 0,
        };
        return index != 0;
    }

    /// <summary>Returns the index a write is stored at.</summary>
    /// <param name="channel">The channel written to.</param>
    /// <param name="position">The write's position in its <see cref="BaseCheckpointSaver.PutWrites"/> call.</param>
    /// <returns>The fixed index of a special channel, else <paramref name="position"/>.</returns>
    public static int GetWriteIndex(string channel, int position) => TryGetFixedIndex(channel, out var index) ? index : position;
}
