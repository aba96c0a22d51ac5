using System.Text;

namespace Checkpoint.Cli.Output;

/// <summary>
/// A writer that replaces every secret (a password from a connection string) with <c>***</c> before it reaches the
/// terminal. Drivers' messages and stack traces can quote connection strings; this is the last line of defence.
/// </summary>
/// <remarks>Text is held until a line ends or the writer is flushed, so a secret split over two writes is caught.</remarks>
internal sealed class RedactingWriter(TextWriter inner) : TextWriter
{
    private readonly StringBuilder _pending = new();
    private readonly List<string> _secrets = [];

    /// <inheritdoc />
    public override Encoding Encoding => inner.Encoding;

    /// <summary>Adds secrets to hide from now on.</summary>
    /// <param name="secrets">The secrets.</param>
    public void Hide(IEnumerable<string> secrets)
    {
        lock (_pending)
        {
            _secrets.AddRange(secrets.Where(s => s.Length > 0 && !_secrets.Contains(s)));
            _secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
        }
    }

    /// <inheritdoc />
    public override void Write(char value)
    {
        lock (_pending)
        {
            _pending.Append(value);
            if (value == '\n')
            {
                FlushPending();
            }
        }
    }

    /// <inheritdoc />
    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }

        lock (_pending)
        {
            _pending.Append(value);
            if (value.Contains('\n', StringComparison.Ordinal))
            {
                FlushPending();
            }
        }
    }

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    /// <inheritdoc />
    public override void Flush()
    {
        lock (_pending)
        {
            FlushPending();
            inner.Flush();
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }

    private void FlushPending()
    {
        if (_pending.Length == 0)
        {
            return;
        }

        var text = _pending.ToString();
        _pending.Clear();
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        inner.Write(text);
    }
}
