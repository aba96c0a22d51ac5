namespace Checkpoint.Graph.Pregel;

/// <summary>The newest of a set of channel versions, by <see cref="ChannelVersion.Compare"/>.</summary>
internal static class Versions
{
    public static string? Max(IEnumerable<string> versions)
    {
        string? max = null;
        foreach (var version in versions)
        {
            if (ChannelVersion.Compare(version, max) > 0)
            {
                max = version;
            }
        }

        return max;
    }
}
