using Checkpoint.Graph.Channels;

namespace Checkpoint.Graph.Pregel;

/// <summary>
/// Applies a step's writes to channels (LangGraph's <c>apply_writes</c>): records the versions each task saw, consumes
/// its triggers, updates the written channels, then lets unwritten channels notice the step passed (ephemeral values
/// and sends expire). Every channel changed in the step gets the same new version.
/// </summary>
internal static class WriteApplier
{
    /// <returns>The channels updated in the step.</returns>
    public static HashSet<string> Apply(
        GraphCheckpoint checkpoint,
        Dictionary<string, Channel> channels,
        IEnumerable<PregelTask> tasks,
        IReadOnlyList<ChannelWrite> writes,
        bool bumpStep,
        Func<string?, string> nextVersion)
    {
        var versions = checkpoint.ChannelVersions;
        var taskList = tasks.ToList();
        foreach (var task in taskList.Where(t => t.Triggers.Count > 0))
        {
            if (!checkpoint.VersionsSeen.TryGetValue(task.Name, out var seen))
            {
                checkpoint.VersionsSeen[task.Name] = seen = new Dictionary<string, string>(StringComparer.Ordinal);
            }

            foreach (var trigger in task.Triggers)
            {
                seen[trigger] = versions[trigger];
            }
        }

        string? next = null;
        string Next() => next ??= nextVersion(Versions.Max(versions.Values));

        foreach (var trigger in taskList.SelectMany(t => t.Triggers).Distinct(StringComparer.Ordinal))
        {
            if (channels[trigger].Consume())
            {
                versions[trigger] = Next();
            }
        }

        var updated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, values) in GroupByChannel(channels, writes))
        {
            if (channels[name].Update(values))
            {
                versions[name] = Next();
                updated.Add(name);
            }
        }

        if (bumpStep)
        {
            foreach (var (name, channel) in channels)
            {
                if (!updated.Contains(name) && channel.IsAvailable && channel.Update([]))
                {
                    versions[name] = Next();
                    if (channel.IsAvailable)
                    {
                        updated.Add(name);
                    }
                }
            }
        }

        return updated;
    }

    private static List<(string Channel, List<object?> Values)> GroupByChannel(Dictionary<string, Channel> channels, IReadOnlyList<ChannelWrite> writes)
    {
        var grouped = new List<(string Channel, List<object?> Values)>();
        foreach (var (channel, value) in writes)
        {
            if (Reserved.IsStatusWrite(channel))
            {
                continue;
            }

            if (!channels.ContainsKey(channel))
            {
                throw new InvalidUpdateException($"A node wrote to '{channel}', which is not a channel of this graph.");
            }

            var index = grouped.FindIndex(g => g.Channel == channel);
            if (index < 0)
            {
                grouped.Add((channel, [value]));
            }
            else
            {
                grouped[index].Values.Add(value);
            }
        }

        return grouped;
    }
}
