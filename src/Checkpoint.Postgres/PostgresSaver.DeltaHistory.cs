using Checkpoint.Postgres.Internal;
using Npgsql;

namespace Checkpoint.Postgres;

/// <content>Delta-channel history in one round trip, instead of one read per ancestor.</content>
public sealed partial class PostgresSaver
{
    /// <summary>
    /// For each channel, walks the parent chain from the parent of the addressed checkpoint and returns the channel's
    /// writes at every visited ancestor (oldest first; within an ancestor by task path, task id, index) up to and
    /// including the nearest ancestor that stores a value for the channel, whose value is returned as the seed. The
    /// whole walk is one recursive query.
    /// </summary>
    /// <param name="config">The thread, namespace and checkpoint (the latest when no id is given).</param>
    /// <param name="channels">The channels.</param>
    /// <returns>One history per requested channel; empty when <paramref name="channels"/> is empty.</returns>
    /// <exception cref="ArgumentException">The config has no thread id.</exception>
    public override IReadOnlyDictionary<string, DeltaChannelHistory> GetDeltaChannelHistory(RunConfig config, IReadOnlyList<string> channels) =>
        GetDeltaChannelHistoryAsync(async: false, config, channels, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Asynchronously returns delta-channel history; see <see cref="GetDeltaChannelHistory"/>.</summary>
    /// <param name="config">The thread, namespace and checkpoint (the latest when no id is given).</param>
    /// <param name="channels">The channels.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>One history per requested channel.</returns>
    /// <exception cref="ArgumentException">The config has no thread id.</exception>
    public override Task<IReadOnlyDictionary<string, DeltaChannelHistory>> GetDeltaChannelHistoryAsync(RunConfig config, IReadOnlyList<string> channels, CancellationToken cancellationToken = default) =>
        GetDeltaChannelHistoryAsync(async: true, config, channels, cancellationToken);

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
        var requested = channels.Distinct(StringComparer.Ordinal).ToList();
        var writes = requested.ToDictionary(c => c, _ => new List<PendingWrite>(), StringComparer.Ordinal);
        var seeds = new Dictionary<string, object?>(StringComparer.Ordinal);

        // A channel named with NUL cannot exist in the database: its history is empty.
        var queried = requested.Where(c => !c.Contains('\0', StringComparison.Ordinal)).ToArray();
        if (queried.Length > 0)
        {
            var command = new NpgsqlBatchCommand(_sql.DeltaHistory(config.CheckpointId is not null))
                .AddText(config.ThreadId)
                .AddText(config.ResolvedCheckpointNs)
                .AddTextArray(queried);
            if (config.CheckpointId is not null)
            {
                command.AddText(config.CheckpointId);
            }

            await using var connection = await _executor.OpenAsync(async, cancellationToken).ConfigureAwait(false);
            await using var batch = new NpgsqlBatch(connection) { BatchCommands = { command } };
            await using var reader = await _executor.ExecuteReaderAsync(async, batch, cancellationToken).ConfigureAwait(false);

            // Rows come oldest ancestor first; within one, the seed after the writes, writes by (path, task, index).
            while (async ? await reader.ReadAsync(cancellationToken).ConfigureAwait(false) : reader.Read())
            {
                var checkpointId = reader.GetString(1);
                var channel = reader.GetString(6);
                var stored = new SerializedValue(reader.IsDBNull(7) ? string.Empty : reader.GetString(7), reader.IsDBNull(8) ? [] : reader.GetFieldValue<byte[]>(8));
                if (IsChunkManifest(stored))
                {
                    // A seed stored in chunks is loaded by the generic walk, which reads whole checkpoints.
                    return async
                        ? await base.GetDeltaChannelHistoryAsync(config, channels, cancellationToken).ConfigureAwait(false)
                        : base.GetDeltaChannelHistory(config, channels);
                }

                var isSeed = reader.GetBoolean(2);
                var location = isSeed
                    ? ValueLocation.ChannelValue(config.ThreadId, config.ResolvedCheckpointNs, channel, reader.GetString(9))
                    : ValueLocation.PendingWrite(config.ThreadId, config.ResolvedCheckpointNs, checkpointId, reader.GetString(4), reader.GetInt32(5), channel);
                var value = DeserializeValue(stored, location, checkpointId);
                if (isSeed)
                {
                    seeds[channel] = value;
                }
                else
                {
                    writes[channel].Add(new PendingWrite(reader.GetString(4), channel, value, reader.GetString(3)));
                }
            }
        }

        return requested.ToDictionary(
            c => c,
            c => new DeltaChannelHistory(writes[c], seeds.ContainsKey(c), seeds.GetValueOrDefault(c)),
            StringComparer.Ordinal);
    }
}
