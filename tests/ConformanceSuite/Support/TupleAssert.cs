using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>Assertions on whole checkpoint tuples and their pending writes, as read back from a saver.</summary>
public static class TupleAssert
{
    /// <summary>
    /// Asserts that a tuple read back equals the expected one in every part: config, parent config, checkpoint (with
    /// channel values), metadata and pending writes (in order, with task paths).
    /// </summary>
    /// <param name="expected">The tuple the test wrote, or one read earlier.</param>
    /// <param name="actual">The tuple read.</param>
    public static void Equal(CheckpointTuple expected, CheckpointTuple? actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        Assert.NotNull(actual);
        Assert.Equal(expected.Config, actual.Config);
        Assert.Equal(expected.ParentConfig, actual.ParentConfig);
        ValueAssert.CheckpointEqual(expected.Checkpoint, actual.Checkpoint);
        Assert.Equal(expected.Metadata, actual.Metadata);
        PendingWritesEqual(expected.PendingWrites, actual.PendingWrites);
    }

    /// <summary>Asserts that two lists of tuples are equal element by element, in order.</summary>
    /// <param name="expected">The expected tuples.</param>
    /// <param name="actual">The tuples read.</param>
    public static void SequenceEqual(IReadOnlyList<CheckpointTuple> expected, IReadOnlyList<CheckpointTuple> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Assert.Equal(expected.Select(t => t.Config).ToList(), actual.Select(t => t.Config).ToList());
        for (var i = 0; i < expected.Count; i++)
        {
            Equal(expected[i], actual[i]);
        }
    }

    /// <summary>Asserts that pending writes read back equal the expected ones, in order: task, channel, value and task path.</summary>
    /// <param name="expected">The expected writes.</param>
    /// <param name="actual">The writes read.</param>
    public static void PendingWritesEqual(IReadOnlyList<PendingWrite> expected, IReadOnlyList<PendingWrite> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Assert.Equal(
            expected.Select(w => (w.TaskId, w.Channel, w.TaskPath)).ToList(),
            actual.Select(w => (w.TaskId, w.Channel, w.TaskPath)).ToList());
        for (var i = 0; i < expected.Count; i++)
        {
            ValueAssert.Equal(expected[i].Value, actual[i].Value);
        }
    }
}
