using System.Globalization;

namespace Checkpoint.Cli.Output;

/// <summary>Formats numbers for people.</summary>
internal static class Format
{
    /// <summary>Formats a byte count: <c>512 B</c>, <c>1.5 KiB</c>, <c>22.0 MiB</c>.</summary>
    /// <param name="bytes">The count.</param>
    /// <returns>The text.</returns>
    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.00} GiB"),
    };

    /// <summary>Formats a count with its noun: <c>1 thread</c>, <c>2 threads</c>.</summary>
    /// <param name="count">The count.</param>
    /// <param name="noun">The singular noun.</param>
    /// <returns>The text.</returns>
    public static string Count(long count, string noun) => string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");

    /// <summary>Formats a namespace for display: <c>(root)</c> for <c>""</c>.</summary>
    /// <param name="ns">The namespace.</param>
    /// <returns>The text.</returns>
    public static string Namespace(string ns) => ns.Length == 0 ? "(root)" : ns;
}
