using System.Text.Json.Nodes;
using Xunit;

namespace Checkpoint.Interop.Tests.Data;

/// <summary>Writes the canonical thread with one of our savers and checks a saver reads it back whole.</summary>
public static class CanonicalAssert
{
    /// <summary>Writes the canonical thread (checkpoints, then the loop checkpoint's pending writes).</summary>
    public static async Task WriteAsync(BaseCheckpointSaver saver, string threadId, CancellationToken cancellationToken)
    {
        foreach (var c in CanonicalThread.Checkpoints())
        {
            await saver.PutAsync(new RunConfig(threadId, c.Namespace, c.ParentId), c.Checkpoint, c.Metadata, c.NewVersions, cancellationToken);
        }

        var loop = new RunConfig(threadId, string.Empty, CanonicalThread.LoopId);
        foreach (var (taskId, writes) in CanonicalThread.Writes())
        {
            await saver.PutWritesAsync(loop, writes, taskId, cancellationToken: cancellationToken);
        }
    }

    /// <summary>Asserts that <paramref name="saver"/> reads the canonical thread: every checkpoint, value, version, metadata and write.</summary>
    public static async Task ReadsCanonicalAsync(BaseCheckpointSaver saver, string threadId, CancellationToken cancellationToken)
    {
        var tuples = await saver.ListAsync(new RunConfig(threadId), cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        var expected = CanonicalThread.Checkpoints();
        Assert.Equal(
            expected.Select(c => (c.Namespace, c.Checkpoint.Id)).Order(),
            tuples.Select(t => (t.Config.ResolvedCheckpointNs, t.Checkpoint.Id)).Order());
        foreach (var c in expected)
        {
            var tuple = tuples.Single(t => t.Config.ResolvedCheckpointNs == c.Namespace && t.Checkpoint.Id == c.Checkpoint.Id);
            var where = $"checkpoint {c.Checkpoint.Id} in namespace '{c.Namespace}'";
            Assert.Equal(c.ParentId, tuple.ParentConfig?.CheckpointId);
            Assert.Equal(c.Checkpoint.V, tuple.Checkpoint.V);
            Assert.Equal(c.Checkpoint.Ts, tuple.Checkpoint.Ts);
            Assert.Equal(Sorted(c.Checkpoint.ChannelVersions), Sorted(tuple.Checkpoint.ChannelVersions));
            Assert.Equal(
                c.Checkpoint.VersionsSeen.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, Sorted(p.Value))),
                tuple.Checkpoint.VersionsSeen.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, Sorted(p.Value))));
            ValueAssert.Equal(c.Checkpoint.ChannelValues, tuple.Checkpoint.ChannelValues, $"The channel values of {where}");
            ValueAssert.JsonEqual(c.Metadata.Values, tuple.Metadata.Values, $"The metadata of {where}");
            var writes = c.Checkpoint.Id == CanonicalThread.LoopId ? CanonicalThread.PendingWrites() : [];
            ValueAssert.JsonEqual(DescribeWrites(writes), DescribeWrites(tuple.PendingWrites), $"The pending writes of {where}");
        }
    }

    private static string Sorted(IReadOnlyDictionary<string, string> versions) =>
        string.Join(", ", versions.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    private static JsonArray DescribeWrites(IEnumerable<PendingWrite> writes) =>
        [.. writes.Select(w => (JsonNode?)new JsonArray(w.TaskId, w.Channel, Described.Of(w.Value)))];
}
