using System.Globalization;

namespace Checkpoint;

/// <summary>
/// Channel versions in LangGraph's string format: <c>"{counter:D32}.{16 random digits}"</c>.
/// </summary>
/// <remarks>
/// The zero-padded counter keeps ordinal order equal to numeric order; the random fraction keeps versions
/// produced on two diverging branches (forks, concurrent writers) distinct, so the immutable
/// <c>(thread, namespace, channel, version)</c> blob rows of different branches never collide.
/// </remarks>
public static class ChannelVersion
{
    /// <summary>Returns the version that follows <paramref name="current"/>.</summary>
    /// <param name="current">The current version, or <see langword="null"/> for a channel never written.</param>
    /// <returns>The next version.</returns>
    public static string Next(string? current)
    {
        var next = GetCounter(current) + 1;
        var fraction = Random.Shared.NextInt64(0, 10_000_000_000_000_000L);
        return string.Create(CultureInfo.InvariantCulture, $"{next:D32}.{fraction:D16}");
    }

    /// <summary>Reads the integer counter of a version (the text before the first <c>.</c>).</summary>
    /// <param name="version">The version; <see langword="null"/> or empty counts as 0.</param>
    /// <returns>The counter.</returns>
    /// <exception cref="FormatException">The version does not start with an integer.</exception>
    public static long GetCounter(string? version)
    {
        if (string.IsNullOrEmpty(version))
        {
            return 0;
        }

        var dot = version.IndexOf('.', StringComparison.Ordinal);
        var integer = dot < 0 ? version : version[..dot];
        return long.TryParse(integer, NumberStyles.None, CultureInfo.InvariantCulture, out var counter)
            ? counter
            : throw new FormatException($"'{version}' is not a channel version: it must start with an integer counter.");
    }
}
