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
    public IReadOnlyDictionary<string, DeltaChannelHistory> GetDeltaChannelHistory(RunConfig config, IReadOnlyList<string> channels) =>
        SyncPath.Result(GetDeltaChannelHistoryAsync(async: false, config, channels, CancellationToken.None));

    /// <summary>Asynchronously returns delta-channel history; see <see cref="GetDeltaChannelHistory"/>.</summary>
    /// <param name="config">The thread, namespace and checkpoint (the latest when no id is given).</param>
    /// <param name="channels">The channels.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>One history per requested channel.</returns>
    /// <exception cref="ArgumentException">The config has no thread id.</exception>
    public Task<IReadOnlyDictionary<string, DeltaChannelHistory>> GetDeltaChannelHistoryAsync(RunConfig config, IReadOnlyList<string> channels, CancellationToken cancellationToken = default) =>
        GetDeltaChannelHistoryAsync(async: true, config, channels, cancellationToken);

    /// <summary>
    /// Reads the delta-channel history of <paramref name="channels"/>; see <see cref="GetDeltaChannelHistory"/> for
    /// what each history holds. The default walks the parent chain with one <see cref="GetTupleCore"/> per ancestor; a
    /// backend overrides it to walk the chain in the database (one round trip), and calls this implementation for
    /// what it cannot read that way (a seed stored in chunks, say).
    /// </summary>
    /// <param name="async">Whether the caller is the async method.</param>
    /// <param name="threadId">The thread (never empty).</param>
    /// <param name="checkpointNs">The namespace (never <see langword="null"/>).</param>
    /// <param name="checkpointId">The addressed checkpoint, or <see langword="null"/> for the newest of the namespace.</param>
    /// <param name="channels">Distinct channel names that can be stored (never empty); the base answers the others.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>One history per channel of <paramref name="channels"/>.</returns>
    protected virtual async Task<IReadOnlyDictionary<string, DeltaChannelHistory>> GetDeltaChannelHistoryCore(
        bool async, string threadId, string checkpointNs, string? checkpointId, IReadOnlyList<string> channels, CancellationToken cancellationToken)
    {
        var walk = new DeltaWalk(channels);
        var current = await GetTupleCore(async, threadId, checkpointNs, checkpointId, cancellationToken).ConfigureAwait(false);
        current = current?.ParentConfig is { } first
            ? await GetTupleCore(async, threadId, checkpointNs, first.CheckpointId, cancellationToken).ConfigureAwait(false)
            : null;
        while (current is not null && walk.Visit(current))
        {
            current = current.ParentConfig is { } parent
                ? await GetTupleCore(async, threadId, checkpointNs, parent.CheckpointId, cancellationToken).ConfigureAwait(false)
                : null;
        }

        return walk.Result();
    }

    private async Task<IReadOnlyDictionary<string, DeltaChannelHistory>> GetDeltaChannelHistoryAsync(bool async, RunConfig config, IReadOnlyList<string> channels, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(channels);
        if (string.IsNullOrEmpty(config.ThreadId))
        {
            throw new ArgumentException("The config has no thread_id.", nameof(config));
        }

        ValidateIdentifiers(config);
        var result = new Dictionary<string, DeltaChannelHistory>(StringComparer.Ordinal);

        // A channel name no put accepts (NUL, unpaired surrogate) has no history in any database.
        var stored = new List<string>();
        foreach (var channel in channels.Distinct(StringComparer.Ordinal))
        {
            if (Identifier.FindProblem(channel) is null)
            {
                stored.Add(channel);
            }
            else
            {
                result[channel] = new DeltaChannelHistory([], false, null);
            }
        }

        if (stored.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var (channel, history) in await ObservedDeltaChannelHistory(async, config, stored, cancellationToken).ConfigureAwait(false))
            {
                result[channel] = history;
            }
        }

        return result;
    }

    /// <summary>The state of one history walk: per channel, the writes collected so far (newest first) and the seed.</summary>
    private sealed class DeltaWalk(IReadOnlyList<string> channels)
    {
        private readonly Dictionary<string, (List<PendingWrite> NewestFirst, bool HasSeed, object? Seed)> _state =
            channels.ToDictionary(c => c, _ => (new List<PendingWrite>(), false, (object?)null), StringComparer.Ordinal);

        /// <summary>Collects one ancestor; returns whether any channel still needs older ancestors.</summary>
        public bool Visit(CheckpointTuple ancestor)
        {
            var open = false;
            foreach (var channel in _state.Keys.ToList())
            {
                var (newestFirst, hasSeed, seed) = _state[channel];
                if (hasSeed)
                {
                    continue;
                }

                // Newest first overall, so this ancestor's writes go in reverse before older ancestors' writes.
                newestFirst.AddRange(ancestor.PendingWrites.Where(w => w.Channel == channel).Reverse());
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
