namespace Checkpoint.Benchmarks;

/// <summary>
/// A one-line progress display, rewritten in place on a terminal. When standard error is redirected (a log file,
/// CI) nothing is written: carriage-return updates only clutter a log.
/// </summary>
internal sealed class Progress
{
    private readonly bool _enabled = !Console.IsErrorRedirected;
    private bool _shown;

    /// <summary>Shows <paramref name="line"/> in place of the previous one.</summary>
    public void Report(string line)
    {
        if (_enabled)
        {
            Console.Error.Write($"\r{line,-70}");
            _shown = true;
        }
    }

    /// <summary>Ends the current line, if one is shown.</summary>
    public void Clear()
    {
        if (_shown)
        {
            Console.Error.Write($"\r{string.Empty,-70}\r");
            _shown = false;
        }
    }
}
