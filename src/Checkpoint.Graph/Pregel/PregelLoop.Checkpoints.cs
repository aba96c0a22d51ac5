using Checkpoint.Graph.Channels;

namespace Checkpoint.Graph.Pregel;

internal sealed partial class PregelLoop
{
    /// <summary>Loads the checkpoint the config addresses (latest by default) and restores the channels from it.</summary>
    private async ValueTask<CheckpointTuple?> RestoreAsync()
    {
        CheckpointTuple? tuple = null;
        if (scope.Saver is { } saver)
        {
            tuple = scope.IsAsync
                ? await saver.GetTupleAsync(scope.Config, scope.CancellationToken).ConfigureAwait(false)
                : saver.GetTuple(scope.Config);
        }

        if (tuple is null && scope.Config.CheckpointId is { } missing)
        {
            throw new InvalidOperationException(
                $"Thread '{scope.Config.ThreadId}' has no checkpoint '{missing}' in namespace '{scope.Namespace}'.");
        }

        if (tuple is not null)
        {
            _checkpoint = tuple.Checkpoint.Clone(includeChannelValues: false);
            _checkpointConfig = tuple.Config;
            _savedVersions = new(tuple.Checkpoint.ChannelVersions, StringComparer.Ordinal);

            // Finished tasks are reused only when continuing the thread; replaying an older checkpoint re-runs them.
            _pendingWrites = scope.Config.CheckpointId is null ? tuple.PendingWrites : [];
        }

        _channels = graph.RestoreChannels(tuple?.Checkpoint);
        return tuple;
    }

    /// <summary>
    /// Applies a step's writes (LangGraph's <c>apply_writes</c>): records the versions each task saw, consumes its triggers,
    /// updates the written channels, then lets unwritten channels notice the step passed (ephemeral values expire).
    /// Every channel changed in the step gets the same new version.
    /// </summary>
    /// <returns>The channels updated in the step.</returns>
    private HashSet<string> ApplyWrites(IReadOnlyList<PregelTask> tasks, IReadOnlyList<ChannelWrite> writes, bool bumpStep)
    {
        var versions = _checkpoint.ChannelVersions;
        foreach (var task in tasks)
        {
            if (!_checkpoint.VersionsSeen.TryGetValue(task.Name, out var seen))
            {
                _checkpoint.VersionsSeen[task.Name] = seen = new Dictionary<string, string>(StringComparer.Ordinal);
            }

            foreach (var trigger in task.Triggers)
            {
                seen[trigger] = versions[trigger];
            }
        }

        string? next = null;
        string Next() => next ??= scope.Saver?.GetNextVersion(Versions.Max(versions.Values)) ?? ChannelVersion.Next(Versions.Max(versions.Values));

        foreach (var trigger in tasks.SelectMany(t => t.Triggers).Distinct(StringComparer.Ordinal))
        {
            if (_channels[trigger].Consume())
            {
                versions[trigger] = Next();
            }
        }

        var updated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, values) in GroupByChannel(writes))
        {
            if (_channels[name].Update(values))
            {
                versions[name] = Next();
                updated.Add(name);
            }
        }

        if (bumpStep)
        {
            foreach (var (name, channel) in _channels)
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

    private List<(string Channel, List<object?> Values)> GroupByChannel(IReadOnlyList<ChannelWrite> writes)
    {
        var grouped = new List<(string Channel, List<object?> Values)>();
        foreach (var (channel, value) in writes)
        {
            if (Reserved.IsStatusWrite(channel))
            {
                continue;
            }

            if (!_channels.ContainsKey(channel))
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

    private async ValueTask PutCheckpointAsync(string source, HashSet<string> updated)
    {
        var now = TimeProvider.System.GetUtcNow();
        _checkpoint.Id = CheckpointId.Create(_step, now);
        _checkpoint.Ts = GraphCheckpoint.FormatTimestamp(now);
        _checkpoint.UpdatedChannels = [.. updated.Order(StringComparer.Ordinal)];

        // The saver gets its own copy: the loop keeps changing versions and versions_seen in place.
        var checkpoint = _checkpoint.Clone(includeChannelValues: false);
        foreach (var (name, channel) in _channels)
        {
            if (channel.TryGetCheckpoint(out var value))
            {
                checkpoint.ChannelValues[name] = value;
            }
        }

        var newVersions = checkpoint.ChannelVersions
            .Where(p => !_savedVersions.TryGetValue(p.Key, out var saved) || saved != p.Value)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var metadata = CheckpointMetadataFactory.Create(source, _step, scope);
        if (scope.Saver is not { } saver)
        {
            _checkpointConfig = _checkpointConfig.WithCheckpointId(checkpoint.Id);
        }
        else if (scope.IsAsync)
        {
            _checkpointConfig = await saver.PutAsync(_checkpointConfig, checkpoint, metadata, newVersions, scope.CancellationToken).ConfigureAwait(false);
        }
        else
        {
            _checkpointConfig = saver.Put(_checkpointConfig, checkpoint, metadata, newVersions);
        }

        _savedVersions = new(checkpoint.ChannelVersions, StringComparer.Ordinal);
    }
}
