using Checkpoint.Providers;

namespace Checkpoint.Cli.Transfer;

/// <summary>Reads a thread's section of an export file back into checkpoints, with the checksum of what it read.</summary>
internal static class ExportReplay
{
    /// <summary>Replays one thread section.</summary>
    /// <param name="path">The file.</param>
    /// <param name="section">The thread's section.</param>
    /// <param name="sink">What to do with each checkpoint (carrying the stored values first written with it), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The checksum of the section's checkpoints, computed as for a database.</returns>
    /// <exception cref="CliException">The section's checksum differs from its <c>thread_end</c> line: the file is damaged.</exception>
    public static async Task<ThreadDigest> ThreadAsync(string path, ExportIndex.ThreadSection section, Func<RawCheckpoint, Task>? sink, CancellationToken cancellationToken)
    {
        var digest = new ThreadDigest();
        var pending = new List<SerializedBlob>();
        var pendingNs = new List<string>();
        try
        {
            await foreach (var line in JsonLinesReader.ReadAsync(path, section.Start, section.End, cancellationToken).ConfigureAwait(false))
            {
                var record = line.Record!;
                switch (ExportFormat.TypeOf(record))
                {
                    case "blob":
                        pending.Add(ExportFormat.ParseBlob(record));
                        pendingNs.Add(ExportFormat.BlobNamespace(record));
                        break;
                    case "checkpoint":
                        var ns = ExportFormat.Text(record, "ns");
                        if (pendingNs.Any(n => n != ns))
                        {
                            throw new FormatException($"a value line of thread '{section.ThreadId}' precedes a checkpoint of another namespace.");
                        }

                        var checkpoint = ExportFormat.ParseCheckpoint(section.ThreadId, record, [.. pending]);
                        pending.Clear();
                        pendingNs.Clear();
                        digest.Add(checkpoint);
                        if (sink is not null)
                        {
                            await sink(checkpoint).ConfigureAwait(false);
                        }

                        break;
                }
            }
        }
        catch (Exception e) when (e is FormatException or KeyNotFoundException or InvalidOperationException or System.Text.Json.JsonException)
        {
            digest.Dispose();
            throw new CliException(ExitCodes.Failure, $"{path} is damaged in thread '{section.ThreadId}': {e.Message}");
        }

        if (digest.Sha256 != section.Sha256)
        {
            digest.Dispose();
            throw new CliException(ExitCodes.Failure, $"{path} is damaged: thread '{section.ThreadId}' does not match the checksum written with it.");
        }

        return digest;
    }
}
