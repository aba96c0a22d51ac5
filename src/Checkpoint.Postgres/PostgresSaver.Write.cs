using Checkpoint.Postgres.Internal;
using Checkpoint.Providers;
using Npgsql;
using NpgsqlTypes;

namespace Checkpoint.Postgres;

/// <content>Put and put-writes: each one batch, one round trip, one implicit transaction.</content>
public sealed partial class PostgresSaver
{
    /// <inheritdoc />
    protected override async Task PutCore(bool async, CheckpointPutRequest request, CancellationToken cancellationToken)
    {
        // jsonb cannot hold NUL: refuse before any I/O, naming where it is.
        JsonNulGuard.ThrowIfContainsNul(request.MetadataJson, $"The metadata of checkpoint {request.CheckpointId}", "metadata");
        JsonNulGuard.ThrowIfContainsNul(request.CheckpointJson, $"Checkpoint {request.CheckpointId}", "checkpoint");

        await using var connection = await _executor.OpenAsync(async, cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        if (request.Blobs.Count > 0)
        {
            var channels = new string[request.Blobs.Count];
            var versions = new string[request.Blobs.Count];
            var types = new string[request.Blobs.Count];
            var data = new byte[]?[request.Blobs.Count];
            for (var i = 0; i < request.Blobs.Count; i++)
            {
                var blob = request.Blobs[i];
                channels[i] = blob.Channel;
                versions[i] = blob.Version;
                types[i] = blob.Value.Type;

                // LangGraph's "no value at this version" row: type 'empty' and a NULL blob.
                data[i] = blob.Value.IsEmpty ? null : blob.Value.Data;
            }

            batch.BatchCommands.Add(new NpgsqlBatchCommand(_sql.InsertBlobs)
                .AddText(request.ThreadId)
                .AddText(request.CheckpointNs)
                .AddTextArray(channels)
                .AddTextArray(versions)
                .AddTextArray(types)
                .Add(data, NpgsqlDbType.Array | NpgsqlDbType.Bytea));
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand(_sql.UpsertCheckpoint)
            .AddText(request.ThreadId)
            .AddText(request.CheckpointNs)
            .AddText(request.CheckpointId)
            .AddText(request.ParentCheckpointId)
            .Add(request.CheckpointJson, NpgsqlDbType.Jsonb)
            .Add(request.MetadataJson, NpgsqlDbType.Jsonb));
        await _executor.ExecuteNonQueryAsync(async, batch, cancellationToken).ConfigureAwait(false);
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
