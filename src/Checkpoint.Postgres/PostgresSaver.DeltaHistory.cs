using Checkpoint.Postgres.Internal;
using Npgsql;

namespace Checkpoint.Postgres;

/// <content>Delta-channel history in one round trip, instead of one read per ancestor.</content>
public sealed partial class PostgresSaver
{
    /// <inheritdoc />
    protected override async Task<IReadOnlyDictionary<string, DeltaChannelHistory>> GetDeltaChannelHistoryCore(
        bool async, string threadId, string checkpointNs, string? checkpointId, IReadOnlyList<string> channels, CancellationToken cancellationToken)
    {
        var writes = channels.ToDictionary(c => c, _ => new List<PendingWrite>(), StringComparer.Ordinal);
        var seeds = new Dictionary<string, object?>(StringComparer.Ordinal);
        var chunked = false;
        var command = new NpgsqlBatchCommand(_sql.DeltaHistory(checkpointId is not null))
            .AddText(threadId)
            .AddText(checkpointNs)
            .AddTextArray([.. channels]);
        if (checkpointId is not null)
        {
            command.AddText(checkpointId);
        }

        await using (var connection = await _executor.OpenAsync(async, cancellationToken).ConfigureAwait(false))
        await using (var batch = new NpgsqlBatch(connection) { BatchCommands = { command } })
        await using (var reader = await _executor.ExecuteReaderAsync(async, batch, cancellationToken).ConfigureAwait(false))
        {
            // Rows come oldest ancestor first; within one, the seed after the writes, writes by (path, task, index).
            while (async ? await reader.ReadAsync(cancellationToken).ConfigureAwait(false) : reader.Read())
            {
                var ancestorId = reader.GetString(1);
                var channel = reader.GetString(6);
                var stored = new SerializedValue(reader.IsDBNull(7) ? string.Empty : reader.GetString(7), reader.IsDBNull(8) ? [] : reader.GetFieldValue<byte[]>(8));
                if (IsChunkManifest(stored))
                {
                    chunked = true;
                    break;
                }

                var isSeed = reader.GetBoolean(2);
                var location = isSeed
                    ? ValueLocation.ChannelValue(threadId, checkpointNs, channel, reader.GetString(9))
                    : ValueLocation.PendingWrite(threadId, checkpointNs, ancestorId, reader.GetString(4), reader.GetInt32(5), channel);
                var value = DeserializeValue(stored, location, ancestorId);
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

        if (chunked)
        {
            // A seed stored in chunks is loaded by the generic walk, which reads whole checkpoints.
            return await base.GetDeltaChannelHistoryCore(async, threadId, checkpointNs, checkpointId, channels, cancellationToken).ConfigureAwait(false);
        }

        return channels.ToDictionary(
            c => c,
            c => new DeltaChannelHistory(writes[c], seeds.ContainsKey(c), seeds.GetValueOrDefault(c)),
            StringComparer.Ordinal);
    }
}
