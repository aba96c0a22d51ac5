using System.Globalization;

namespace Checkpoint;

/// <summary>
/// Channel versions: opaque strings that increase per channel, in one of two forms that both LangGraph runtimes use.
/// </summary>
/// <remarks>
/// <para>
/// The <em>padded</em> form, <c>"{counter:D32}.{16 random digits}"</c>, is LangGraph Python's and this library's
/// default: the zero-padded counter keeps ordinal order equal to numeric order, and the random fraction keeps versions
/// produced on two diverging branches (forks, concurrent writers) distinct, so the immutable
/// <c>(thread, namespace, channel, version)</c> blob rows of different branches never collide.
/// </para>
/// <para>
/// The <em>integer</em> form, a canonical non-negative integer such as <c>"7"</c> (no sign, no leading zeros), is what
/// LangGraph.js writes: its checkpoints store versions as JSON numbers, and <see cref="Providers.CheckpointJson"/> writes an
/// integer version back as a JSON number, so a thread keeps the JSON type its versions were created with.
/// </para>
/// <para><see cref="Next(string?)"/> continues the form a channel already uses.</para>
/// </remarks>
public static class ChannelVersion
{
    // Up to 18 digits always fits in a long; larger numbers stay opaque strings.
    private const int MaxIntegerDigits = 18;

    /// <summary>Returns the version that follows <paramref name="current"/>, in the same form.</summary>
    /// <param name="current">The current version, or <see langword="null"/> for a channel never written (which gets a padded version).</param>
    /// <returns>The next version: <c>"8"</c> after <c>"7"</c>, a padded version after a padded one.</returns>
    /// <exception cref="FormatException"><paramref name="current"/> does not start with an integer counter.</exception>
    public static string Next(string? current) => Next(current, CheckpointWireFormat.Native);

    /// <summary>
    /// Returns the version that follows <paramref name="current"/>, in the same form; a channel never written gets the
    /// form <paramref name="format"/> writes (integers for <see cref="CheckpointWireFormat.LangGraphJs"/>, padded otherwise).
    /// </summary>
    /// <param name="current">The current version, or <see langword="null"/> for a channel never written.</param>
    /// <param name="format">The wire format that decides the form of a first version.</param>
    /// <returns>The next version.</returns>
    /// <exception cref="FormatException"><paramref name="current"/> does not start with an integer counter.</exception>
    public static string Next(string? current, CheckpointWireFormat format)
    {
        var next = GetCounter(current) + 1;
        if (current is null ? format == CheckpointWireFormat.LangGraphJs : IsInteger(current))
        {
            return next.ToString(CultureInfo.InvariantCulture);
        }

        var fraction = Random.Shared.NextInt64(0, 10_000_000_000_000_000L);
        return string.Create(CultureInfo.InvariantCulture, $"{next:D32}.{fraction:D16}");
    }

    /// <summary>
    /// Returns whether a version is in the integer form: a canonical non-negative integer of at most 18 digits
    /// (<c>"0"</c>, <c>"17"</c>; not <c>"-1"</c>, <c>"07"</c> or <c>"+3"</c>). Such versions are stored as JSON numbers.
    /// </summary>
    /// <param name="version">The version.</param>
    /// <returns><see langword="true"/> for the integer form.</returns>
    public static bool IsInteger(string? version)
    {
        if (string.IsNullOrEmpty(version) || version.Length > MaxIntegerDigits || (version[0] == '0' && version.Length > 1))
        {
            return false;
        }

        foreach (var c in version)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads the integer counter of a version (the text before the first <c>.</c>).</summary>
    /// <param name="version">The version; <see langword="null"/> or empty counts as 0.</param>
    /// <returns>The counter.</returns>
    /// <exception cref="FormatException">The version does not start with an integer.</exception>
    public static long GetCounter(string? version) =>
        TryGetCounter(version, out var counter)
            ? counter
            : throw new FormatException($"'{version}' is not a channel version: it must start with an integer counter.");

    /// <summary>
    /// Compares two versions by integer counter, then ordinally, so <c>"10"</c> is newer than <c>"9"</c> and padded
    /// versions order as LangGraph orders them. A missing version sorts first; versions without an integer counter sort
    /// after all others, ordinally among themselves.
    /// </summary>
    /// <param name="x">The first version.</param>
    /// <param name="y">The second version.</param>
    /// <returns>Negative, zero or positive as <paramref name="x"/> is older than, equal to or newer than <paramref name="y"/>.</returns>
    public static int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var hasX = TryGetCounter(x, out var cx);
        var hasY = TryGetCounter(y, out var cy);
        if (hasX != hasY)
        {
            return hasX ? -1 : 1;
        }

        return hasX && cx != cy ? cx.CompareTo(cy) : string.CompareOrdinal(x, y);
    }

    private static bool TryGetCounter(string? version, out long counter)
    {
        counter = 0;
        if (string.IsNullOrEmpty(version))
        {
            return true;
        }

        var dot = version.IndexOf('.', StringComparison.Ordinal);
        return long.TryParse(dot < 0 ? version : version.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out counter);
    }
}
