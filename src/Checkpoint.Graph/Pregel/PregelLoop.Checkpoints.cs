namespace Checkpoint.Graph.Pregel;

internal sealed partial class PregelLoop
{
    private readonly SaveQueue _saves = new(background: scope.IsAsync && scope.Durability == Durability.Async);
    private readonly List<(string TaskId, string TaskPath, IReadOnlyList<ChannelWrite> Writes)> _unsavedWrites = [];
    private RunConfig _checkpointConfig = scope.Config.WithCheckpointId(null);
    private RunConfig _savedConfig = scope.Config.WithCheckpointId(null);
    private RunConfig? _parentConfig;
    private CheckpointMetadata? _metadata;
    private Dictionary<string, string> _savedVersions = new(StringComparer.Ordinal);
    private (GraphCheckpoint Checkpoint, CheckpointMetadata Metadata)? _unsavedCheckpoint;

    /// <summary>Gets the config of the checkpoint the current step runs against (in <see cref="Durability.Exit"/>, possibly not saved yet).</summary>
    public RunConfig CheckpointConfig => _checkpointConfig;

    private bool SavesAtExitOnly => scope.Durability == Durability.Exit;

    /// <summary>
    /// Ends the run: with <see cref="Durability.Exit"/>, saves the current checkpoint and the last step's writes (a root
    /// graph always; a subgraph when it failed or paused, or keeps its own history); then waits for background saves.
    /// </summary>
    /// <param name="raised">Whether the run failed or paused.</param>
    /// <param name="cancellationToken">The token for the final saves.</param>
    public async ValueTask ExitAsync(bool raised, CancellationToken cancellationToken)
    {
        if (scope.Saver is { } saver && SavesAtExitOnly && (scope.IsRoot || raised || scope.KeepsOwnHistory))
        {
            if (_unsavedCheckpoint is { } unsaved)
            {
                var newVersions = NewVersions(unsaved.Checkpoint);
                await PutAsync(saver, _savedConfig, unsaved.Checkpoint, unsaved.Metadata, newVersions, cancellationToken).ConfigureAwait(false);
                _savedConfig = _checkpointConfig;
                _unsavedCheckpoint = null;
            }

            foreach (var (taskId, taskPath, writes) in _unsavedWrites)
            {
                await PutWritesAsync(saver, _checkpointConfig, writes, taskId, taskPath, cancellationToken).ConfigureAwait(false);
            }

            _unsavedWrites.Clear();
        }

        await _saves.DrainAsync().ConfigureAwait(false);
    }

    /// <summary>Saves a task's writes against the current checkpoint, as the run's durability says.</summary>
    public ValueTask SaveWritesAsync(string taskId, string taskPath, IReadOnlyList<ChannelWrite> writes)
    {
        if (scope.Saver is not { } saver || _checkpointConfig.CheckpointId is null)
        {
            return ValueTask.CompletedTask;
        }

        if (SavesAtExitOnly)
        {
            lock (_unsavedWrites)
            {
                _unsavedWrites.Add((taskId, taskPath, writes));
            }

            return ValueTask.CompletedTask;
        }

        var config = _checkpointConfig;
        return _saves.RunAsync(() => PutWritesAsync(saver, config, writes, taskId, taskPath, scope.CancellationToken));
    }

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
            _checkpointConfig = _savedConfig = tuple.Config;
            _parentConfig = tuple.ParentConfig;
            _metadata = tuple.Metadata;
            _savedVersions = new(tuple.Checkpoint.ChannelVersions, StringComparer.Ordinal);

            // Finished tasks and answers are reused only when continuing the thread; replaying an older checkpoint re-runs them.
            _pendingWrites = scope.Config.CheckpointId is null ? [.. tuple.PendingWrites] : [];
        }

        _channels = graph.RestoreChannels(tuple?.Checkpoint);
        return tuple;
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

        var metadata = CheckpointMetadataFactory.Create(source, _step, scope);
        var parent = _checkpointConfig;
        _parentConfig = parent.CheckpointId is null ? null : parent;
        _metadata = metadata;
        _checkpointConfig = parent.WithCheckpointId(checkpoint.Id);
        if (scope.Saver is not { } saver)
        {
            return;
        }

        if (SavesAtExitOnly)
        {
            _unsavedCheckpoint = (checkpoint, metadata);
            lock (_unsavedWrites)
            {
                _unsavedWrites.Clear();
            }

            return;
        }

        var newVersions = NewVersions(checkpoint);
        _savedConfig = _checkpointConfig;
        await _saves.RunAsync(() => PutAsync(saver, parent, checkpoint, metadata, newVersions, scope.CancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The versions that changed since the last saved checkpoint (the channels whose values the saver stores anew).</summary>
    private Dictionary<string, string> NewVersions(GraphCheckpoint checkpoint)
    {
        var newVersions = checkpoint.ChannelVersions
            .Where(p => !_savedVersions.TryGetValue(p.Key, out var saved) || saved != p.Value)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        _savedVersions = new(checkpoint.ChannelVersions, StringComparer.Ordinal);
        return newVersions;
    }

    private async ValueTask PutAsync(BaseCheckpointSaver saver, RunConfig parent, GraphCheckpoint checkpoint, CheckpointMetadata metadata, Dictionary<string, string> newVersions, CancellationToken cancellationToken)
    {
        if (scope.IsAsync)
        {
            await saver.PutAsync(parent, checkpoint, metadata, newVersions, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            saver.Put(parent, checkpoint, metadata, newVersions);
        }
    }

    private async ValueTask PutWritesAsync(BaseCheckpointSaver saver, RunConfig config, IReadOnlyList<ChannelWrite> writes, string taskId, string taskPath, CancellationToken cancellationToken)
    {
        if (scope.IsAsync)
        {
            await saver.PutWritesAsync(config, writes, taskId, taskPath, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            saver.PutWrites(config, writes, taskId, taskPath);
        }
    }
}
