namespace Checkpoint;

/// <content>Delta-channel history: rebuilding a channel from its nearest stored value and the writes after it.</content>
public abstract partial class BaseCheckpointSaver
{
    /// <summary>
    /// For each channel, walks the parent chain from the parent of the addressed checkpoint and returns the channel's
    /// writes at every visited ancestor (oldest first; within an ancestor by task path, task id, index) up to and
    /// including the nearest ancestor that stores a value for the channel, whose value is returned as the seed.
    /// The addressed checkpoint's own writes are not included.
    /// </summary>
    /// <param name="config">The thread, namespace and checkpoint (the latest when no id is given).</param>
    /// <param name="channels">The channels.</param>
    /// <returns>One history per requested channel; empty when <paramref name="channels"/> is empty or the checkpoint does not exist.</returns>
    /// <exception cref="ArgumentException">The config has no thread id.</exception>
    public virtual IReadOnlyDictionary<string, DeltaChannelHistory> GetDeltaChannelHistory(RunConfig config, IReadOnlyList<string> channels)
    {
        var walk = StartDeltaWalk(config, channels);
        if (walk is null)
        {
            return new Dictionary<string, DeltaChannelHistory>(StringComparer.Ordinal);
        }

        var current = GetTupleCore(walk.ThreadId, walk.CheckpointNs, config.CheckpointId);
        current = current?.ParentConfig is { } first ? GetTupleCore(walk.ThreadId, walk.CheckpointNs, first.CheckpointId) : null;
        while (current is not null && walk.Visit(current))
        {
            current = current.ParentConfig is { } parent ? GetTupleCore(walk.ThreadId, walk.CheckpointNs, parent.CheckpointId) : null;
        }

        return walk.Result();
    }

    /// <summary>Asynchronously returns delta-channel history; see <see cref="GetDeltaChannelHistory"/>.</summary>
    /// <param name="config">The thread, namespace and checkpoint (the latest when no id is given).</param>
    /// <param name="channels">The channels.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>One history per requested channel.</returns>
    /// <exception cref="ArgumentException">The config has no thread id.</exception>
    public virtual async Task<IReadOnlyDictionary<string, DeltaChannelHistory>> GetDeltaChannelHistoryAsync(RunConfig config, IReadOnlyList<string> channels, CancellationToken cancellationToken = default)
    {
        var walk = StartDeltaWalk(config, channels);
        if (walk is null)
        {
            return new Dictionary<string, DeltaChannelHistory>(StringComparer.Ordinal);
        }

        var current = await GetTupleCoreAsync(walk.ThreadId, walk.CheckpointNs, config.CheckpointId, cancellationToken).ConfigureAwait(false);
        current = current?.ParentConfig is { } first
            ? await GetTupleCoreAsync(walk.ThreadId, walk.CheckpointNs, first.CheckpointId, cancellationToken).ConfigureAwait(false)
            : null;
        while (current is not null && walk.Visit(current))
        {
            current = current.ParentConfig is { } parent
                ? await GetTupleCoreAsync(walk.ThreadId, walk.CheckpointNs, parent.CheckpointId, cancellationToken).ConfigureAwait(false)
                : null;
        }

        return walk.Result();
    }

    private DeltaWalk? StartDeltaWalk(RunConfig config, IReadOnlyList<string> channels)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(channels);
        if (string.IsNullOrEmpty(config.ThreadId))
        {
            throw new ArgumentException("The config has no thread_id.", nameof(config));
        }

        ValidateIdentifiers(config);
        return channels.Count == 0 ? null : new DeltaWalk(config.ThreadId, config.ResolvedCheckpointNs, channels);
    }

    /// <summary>The state of one history walk: per channel, the writes collected so far (newest first) and the seed.</summary>
    private sealed class DeltaWalk(string threadId, string checkpointNs, IReadOnlyList<string> channels)
    {
        private readonly Dictionary<string, (List<PendingWrite> NewestFirst, bool HasSeed, object? Seed)> _state =
            channels.Distinct(StringComparer.Ordinal).ToDictionary(c => c, _ => (new List<PendingWrite>(), false, (object?)null), StringComparer.Ordinal);

        public string ThreadId { get; } = threadId;

        public string CheckpointNs { get; } = checkpointNs;

        /// <summary>Collects one ancestor; returns whether any channel still needs older ancestors.</summary>
        public bool Visit(CheckpointTuple ancestor)
        {
            var ordered = ancestor.PendingWrites.OrderBy(w => w.TaskPath, StringComparer.Ordinal).ToList();
            var open = false;
            foreach (var channel in _state.Keys.ToList())
            {
                var (newestFirst, hasSeed, seed) = _state[channel];
                if (hasSeed)
                {
                    continue;
                }

                // Newest first overall, so this ancestor's writes go in reverse before older ancestors' writes.
                newestFirst.AddRange(ordered.Where(w => w.Channel == channel).Reverse());
                if (ancestor.Checkpoint.ChannelValues.TryGetValue(channel, out var stored))
                {
                    _state[channel] = (newestFirst, true, stored);
                }
                else
                {
                    open = true;
                }
            }

            return open;
        }

        public IReadOnlyDictionary<string, DeltaChannelHistory> Result() =>
            _state.ToDictionary(
                p => p.Key,
                p => new DeltaChannelHistory(Enumerable.Reverse(p.Value.NewestFirst).ToList(), p.Value.HasSeed, p.Value.Seed),
                StringComparer.Ordinal);
    }
}
