using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint.Cli.Transfer;

/// <summary>Appends records to an export file, one JSON line each; <see cref="CommitAsync"/> makes what was written durable.</summary>
internal sealed class ExportWriter : IAsyncDisposable
{
    private static readonly JsonWriterOptions Compact = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly FileStream _stream;

    private ExportWriter(FileStream stream) => _stream = stream;

    /// <summary>Creates (or replaces) a file and writes its header.</summary>
    /// <param name="path">The file.</param>
    /// <param name="header">The header line.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The writer.</returns>
    public static async Task<ExportWriter> CreateAsync(string path, JsonObject header, CancellationToken cancellationToken)
    {
        var writer = new ExportWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16, useAsync: true));
        await writer.WriteAsync(header, cancellationToken).ConfigureAwait(false);
        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        return writer;
    }

    /// <summary>Opens a file to continue it at <paramref name="offset"/>, dropping what follows (an unfinished part).</summary>
    /// <param name="path">The file.</param>
    /// <param name="offset">Where the last complete part ends.</param>
    /// <returns>The writer.</returns>
    public static ExportWriter Continue(string path, long offset)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read, 1 << 16, useAsync: true);
        stream.SetLength(offset);
        stream.Position = offset;
        return new ExportWriter(stream);
    }

    /// <summary>Writes one record.</summary>
    /// <param name="line">The record.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>A task that completes when the record is buffered.</returns>
    public async Task WriteAsync(JsonObject line, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Compact))
        {
            line.WriteTo(json);
        }

        buffer.WriteByte((byte)'\n');
        await _stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Flushes everything written to the disk: a later interruption keeps it.</summary>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>A task that completes when the data is on disk.</returns>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        _stream.Flush(flushToDisk: true);
    }

    /// <summary>Gets the file's size so far.</summary>
    public long Length => _stream.Length;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
