using Checkpoint.ConformanceSuite;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Checkpoint.Sqlite.Tests.Processes;

/// <summary>Checks a database file after writer processes ran (or were killed): integrity, and every checkpoint intact.</summary>
internal static class CheckpointVerifier
{
    /// <summary>Asserts that SQLite's own integrity check passes.</summary>
    /// <param name="path">The database file.</param>
    public static void AssertIntegrity(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", command.ExecuteScalar() as string);
    }

    /// <summary>
    /// Asserts that every acknowledged checkpoint (and pending write) of a writer is stored, and that every checkpoint
    /// stored on the thread, acknowledged or not, holds exactly the content its writer put: nothing torn.
    /// </summary>
    /// <param name="saver">A saver over the file.</param>
    /// <param name="thread">The thread.</param>
    /// <param name="acknowledged">Per writer tag, what it acknowledged.</param>
    /// <returns>The number of checkpoints stored on the thread.</returns>
    public static int AssertIntact(SqliteSaver saver, string thread, IReadOnlyDictionary<string, List<Acknowledgement>> acknowledged)
    {
        var stored = saver.List(new RunConfig(thread, checkpointNs: null)).ToDictionary(t => t.Config.CheckpointId!, StringComparer.Ordinal);
        foreach (var (tag, acks) in acknowledged)
        {
            foreach (var ack in acks)
            {
                Assert.True(stored.TryGetValue(ack.CheckpointId, out var tuple), $"Checkpoint {ack.CheckpointId} (writer {tag}, step {ack.Step}) was acknowledged but is missing.");
                if (ack.Kind == "writes")
                {
                    var write = Assert.Single(tuple.PendingWrites);
                    Assert.Equal(WriterPayload.WriteValue(tag, ack.Step), write.Value);
                }
            }
        }

        foreach (var tuple in stored.Values)
        {
            var tag = tuple.Metadata["writer"]!.GetValue<string>();
            var step = tuple.Metadata.Step ?? -1;
            ValueAssert.ChannelValuesEqual(WriterPayload.Values(tag, step), tuple.Checkpoint.ChannelValues);
            Assert.True(tuple.PendingWrites.Count <= 1, $"Checkpoint {tuple.Config.CheckpointId} has {tuple.PendingWrites.Count} pending writes.");
        }

        return stored.Count;
    }
}
