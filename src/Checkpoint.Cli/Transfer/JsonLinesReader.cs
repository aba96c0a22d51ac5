using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint.Cli.Transfer;

/// <summary>Reads a JSON-lines file line by line with each line's byte offsets, so a reader can resume or seek.</summary>
internal static class JsonLinesReader
{
    /// <summary>One line: where it starts, where the next starts, and its record (<see langword="null"/> for a torn last line).</summary>
    /// <param name="Start">The byte offset of the line.</param>
    /// <param name="End">The byte offset after its newline.</param>
    /// <param name="Record">The parsed record, or <see langword="null"/> when the line is incomplete (the file was cut while writing it).</param>
    /// <param name="Number">The line number (1-based).</param>
    internal readonly record struct Line(long Start, long End, JsonObject? Record, long Number);

    /// <summary>Reads lines from <paramref name="start"/> to <paramref name="end"/> (or the end of the file).</summary>
    /// <param name="path">The file.</param>
    /// <param name="start">Where to start (a line start).</param>
    /// <param name="end">Where to stop, or <see langword="null"/> for the end of the file.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The lines.</returns>
    public static async IAsyncEnumerable<Line> ReadAsync(string path, long start, long? end, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        stream.Position = start;
        var buffer = new byte[1 << 16];
        int head = 0, tail = 0, scanned = 0;
        var lineStart = start;
        var number = 0L;
        while (end is null || lineStart < end)
        {
            var newline = buffer.AsSpan(head + scanned, tail - head - scanned).IndexOf((byte)'\n');
            if (newline < 0)
            {
                scanned = tail - head;
                if (head > 0)
                {
                    // Move the partial line to the front before reading more.
                    Buffer.BlockCopy(buffer, head, buffer, 0, tail - head);
                    tail -= head;
                    head = 0;
                }

                if (tail == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var read = await stream.ReadAsync(buffer.AsMemory(tail), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    if (tail > head)
                    {
                        yield return new Line(lineStart, lineStart + (tail - head), null, number + 1);
                    }

                    yield break;
                }

                tail += read;
                continue;
            }

            var length = scanned + newline;
            number++;
            var record = Parse(buffer.AsSpan(head, length), number, path);
            var lineEnd = lineStart + length + 1;
            yield return new Line(lineStart, lineEnd, record, number);
            head += length + 1;
            scanned = 0;
            lineStart = lineEnd;
        }
    }

    private static JsonObject Parse(ReadOnlySpan<byte> line, long number, string path)
    {
        try
        {
            return JsonNode.Parse(line) as JsonObject ?? throw new FormatException($"line {number} of {path} is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"line {number} of {path} is not valid JSON: {e.Message}", e);
        }
    }
}
