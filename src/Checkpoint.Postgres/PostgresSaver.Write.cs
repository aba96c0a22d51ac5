using Checkpoint.Postgres.Internal;
using Checkpoint.Providers;
using Npgsql;
using NpgsqlTypes;

namespace Checkpoint.Postgres;

/// <content>Put and put-writes: each one statement, one round trip, one implicit transaction.</content>
public sealed partial class PostgresSaver
{
    /// <inheritdoc />
    protected override async Task PutCore(bool async, CheckpointPutRequest request, CancellationToken cancellationToken)
    {
        // jsonb cannot hold NUL: refuse before any I/O, naming where it is.
        JsonNulGuard.ThrowIfContainsNul(request.MetadataJson, $"The metadata of checkpoint {request.CheckpointId}", "metadata");
        JsonNulGuard.ThrowIfContainsNul(request.CheckpointJson, $"Checkpoint {request.CheckpointId}", "checkpoint");

        // Blobs written before (unchanged chunks of long lists) travel as keys only, and the checkpoint row is written
        // only if they all still exist. In the rare case one does not (another process deleted or pruned the thread),
        // nothing refers to the new blobs yet and the put is sent again with every value.
        if (!await TryPutAsync(async, request, sendKnownBlobsAsKeys: true, cancellationToken).ConfigureAwait(false))
        {
            await TryPutAsync(async, request, sendKnownBlobsAsKeys: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the blobs and the checkpoint in one statement; returns whether the checkpoint row was written.</summary>
    private async Task<bool> TryPutAsync(bool async, CheckpointPutRequest request, bool sendKnownBlobsAsKeys, CancellationToken cancellationToken)
    {
        var sent = sendKnownBlobsAsKeys ? request.Blobs.Where(b => !b.WrittenBefore).ToList() : request.Blobs;
        var known = sendKnownBlobsAsKeys ? request.Blobs.Where(b => b.WrittenBefore).ToList() : [];
        var data = new byte[]?[sent.Count];
        for (var i = 0; i < sent.Count; i++)
        {
            // LangGraph's "no value at this version" row: type 'empty' and a NULL blob.
            data[i] = sent[i].Value.IsEmpty ? null : sent[i].Value.Data;
        }

        var put = new NpgsqlBatchCommand(known.Count > 0 ? _sql.PutCheckpointIfBlobsExist : _sql.PutCheckpoint)
            .AddText(request.ThreadId)
            .AddText(request.CheckpointNs)
            .AddText(request.CheckpointId)
            .AddText(request.ParentCheckpointId)
            .Add(request.CheckpointJson, NpgsqlDbType.Jsonb)
            .Add(request.MetadataJson, NpgsqlDbType.Jsonb)
            .AddTextArray([.. sent.Select(b => b.Channel)])
            .AddTextArray([.. sent.Select(b => b.Version)])
            .AddTextArray([.. sent.Select(b => b.Value.Type)])
            .Add(data, NpgsqlDbType.Array | NpgsqlDbType.Bytea);
        if (known.Count > 0)
        {
            put.AddTextArray([.. known.Select(b => b.Channel)]).AddTextArray([.. known.Select(b => b.Version)]);
        }

        await using var connection = await _executor.OpenAsync(async, cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { put } };
        return await _executor.ExecuteNonQueryAsync(async, batch, cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    protected override async Task PutWritesCore(bool async, CheckpointPutWritesRequest request, CancellationToken cancellationToken)
    {
        // One call carries one task's writes, so task id and path are scalars.
        var writes = request.Writes;
        var indexes = new int[writes.Count];
        var channels = new string[writes.Count];
        var types = new string[writes.Count];
        var data = new byte[writes.Count][];
        for (var i = 0; i < writes.Count; i++)
        {
            indexes[i] = writes[i].Index;
            channels[i] = writes[i].Channel;
            types[i] = writes[i].Value.Type;
            data[i] = writes[i].Value.Data ?? [];
        }

        await using var connection = await _executor.OpenAsync(async, cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(_sql.UpsertWrites)
                    .AddText(request.ThreadId)
                    .AddText(request.CheckpointNs)
                    .AddText(request.CheckpointId)
                    .AddText(request.TaskId)
                    .AddText(request.TaskPath)
                    .Add(indexes, NpgsqlDbType.Array | NpgsqlDbType.Integer)
                    .AddTextArray(channels)
                    .AddTextArray(types)
                    .Add(data, NpgsqlDbType.Array | NpgsqlDbType.Bytea),
            },
        };
        await _executor.ExecuteNonQueryAsync(async, batch, cancellationToken).ConfigureAwait(false);
    }
}
