using System.Globalization;

namespace Checkpoint.Graph.Pregel;

/// <summary>Compares channel versions: by their integer counter, then ordinally (savers choose the format, see <see cref="ChannelVersion"/>).</summary>
internal static class Versions
{
    public static int Compare(string? left, string? right)
    {
        if (left is null || right is null)
        {
            return left is null ? (right is null ? 0 : -1) : 1;
        }

        if (TryCounter(left, out var l) && TryCounter(right, out var r) && l != r)
        {
            return l.CompareTo(r);
        }

        return string.CompareOrdinal(left, right);
    }

    public static string? Max(IEnumerable<string> versions)
    {
        string? max = null;
        foreach (var version in versions)
        {
            if (Compare(version, max) > 0)
            {
                max = version;
            }
        }

        return max;
    }

    private static bool TryCounter(string version, out long counter)
    {
        var dot = version.IndexOf('.', StringComparison.Ordinal);
        return long.TryParse(dot < 0 ? version : version[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out counter);
    }
}
