using System.Text.Json.Nodes;

namespace Checkpoint.Cli.Transfer;

/// <summary>
/// What an export file holds, read in one pass: its header, each complete thread's byte range and end line, the store
/// section, whether the export finished, and where an interrupted export continues.
/// </summary>
internal sealed class ExportIndex
{
    private ExportIndex(JsonObject header) => Header = header;

    public JsonObject Header { get; }

    /// <summary>Gets the complete threads, in file order.</summary>
    public List<ThreadSection> Threads { get; } = [];

    /// <summary>Gets where the store section starts, or <see langword="null"/> when the file has none.</summary>
    public long? StoreStart { get; private set; }

    /// <summary>Gets the store section's end line, or <see langword="null"/> when it is not complete.</summary>
    public JsonObject? StoreEnd { get; private set; }

    /// <summary>Gets the <c>end</c> line, or <see langword="null"/> when the export did not finish.</summary>
    public JsonObject? End { get; private set; }

    /// <summary>Gets the offset after the last complete part (header, thread or store section): an interrupted export continues there.</summary>
    public long ResumeOffset { get; private set; }

    /// <summary>Gets whether the store section is complete.</summary>
    public bool StoreDone => StoreEnd is not null;

    /// <summary>Reads a file's index.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The index.</returns>
    /// <exception cref="CliException">The file is not an export file, or is damaged before its last line.</exception>
    public static async Task<ExportIndex> ReadAsync(string path, CancellationToken cancellationToken)
    {
        ExportIndex? index = null;
        string? openThread = null;
        long openStart = 0;
        try
        {
            await foreach (var line in JsonLinesReader.ReadAsync(path, 0, null, cancellationToken).ConfigureAwait(false))
            {
                if (line.Record is not { } record)
                {
                    break; // The last line was cut off mid-write: everything after the last complete part is redone.
                }

                var type = ExportFormat.TypeOf(record);
                if (index is null)
                {
                    if (type != "header" || record["format"]?.GetValue<string>() != ExportFormat.Name)
                    {
                        throw new CliException(ExitCodes.Usage, $"{path} is not a checkpoint export file (its first line is not a {ExportFormat.Name} header).");
                    }

                    if (record["version"]?.GetValue<int>() is not ExportFormat.Version)
                    {
                        throw new CliException(ExitCodes.Usage, $"{path} is export format version {record["version"]}; this tool reads version {ExportFormat.Version}.");
                    }

                    index = new ExportIndex(record) { ResumeOffset = line.End };
                    continue;
                }

                switch (type)
                {
                    case "thread":
                        openThread = ExportFormat.Text(record, "thread_id");
                        openStart = line.Start;
                        break;
                    case "thread_end" when openThread is not null:
                        index.Threads.Add(new ThreadSection(openThread, openStart, line.End, record));
                        index.ResumeOffset = line.End;
                        openThread = null;
                        break;
                    case "item" when index.StoreStart is null:
                        index.StoreStart = line.Start;
                        break;
                    case "store_end":
                        index.StoreStart ??= line.Start;
                        index.StoreEnd = record;
                        index.ResumeOffset = line.End;
                        break;
                    case "end":
                        index.End = record;
                        index.ResumeOffset = line.End;
                        break;
                }
            }
        }
        catch (FormatException e)
        {
            throw new CliException(ExitCodes.Failure, $"{path} is damaged: {e.Message}");
        }

        return index ?? throw new CliException(ExitCodes.Usage, $"{path} is empty: it is not a checkpoint export file.");
    }

    /// <summary>Gets the threads the export covers: the header's list, or <see langword="null"/> for every thread.</summary>
    public IReadOnlyList<string>? SelectedThreads => Header["threads"] is JsonArray threads ? [.. threads.Select(t => t!.GetValue<string>())] : null;

    /// <summary>Gets whether the export includes the store.</summary>
    public bool IncludesStore => Header["store"]?.GetValue<bool>() ?? false;

    /// <summary>One complete thread of the file.</summary>
    /// <param name="ThreadId">The thread.</param>
    /// <param name="Start">The offset of its <c>thread</c> line.</param>
    /// <param name="End">The offset after its <c>thread_end</c> line.</param>
    /// <param name="EndLine">Its <c>thread_end</c> line: counts and checksum.</param>
    internal sealed record ThreadSection(string ThreadId, long Start, long End, JsonObject EndLine)
    {
        public string Sha256 => ExportFormat.Text(EndLine, "sha256");
    }
}
