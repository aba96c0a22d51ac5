using Checkpoint.Postgres.Internal;
using Checkpoint.Providers;
using Npgsql;
using NpgsqlTypes;

namespace Checkpoint.Postgres;

/// <content>Raw item reads and writes (<see cref="RawItemExtensions"/>): one round trip per page, one batch per write.</content>
public sealed partial class PostgresStore
{
    /// <inheritdoc />
    protected override async Task<IReadOnlyList<RawItem>> ListRawItemsCore(bool async, RawItem? after, int limit, CancellationToken cancellationToken)
    {
        // $1 now, $2 limit, $3 prefix and $4 key of the previous page's last item (NULL for the first page).
        var sql = $"""
            WITH page AS (
                SELECT prefix, key, value::text AS value, created_at, updated_at, expires_at, ttl FROM {_sql.Store}
                WHERE (expires_at IS NULL OR expires_at > $1)
                  AND ($3::text IS NULL OR prefix COLLATE "C" > $3 OR (prefix = $3 AND key COLLATE "C" > $4))
                ORDER BY prefix COLLATE "C", key COLLATE "C"
                LIMIT $2)
            SELECT p.prefix, p.key, p.value, p.created_at, p.updated_at, p.expires_at, p.ttl, v.field_name, v.embedding
            FROM page p LEFT JOIN {_sql.Vectors} v ON v.prefix = p.prefix AND v.key = p.key
            ORDER BY p.prefix COLLATE "C", p.key COLLATE "C", v.field_name COLLATE "C"
            """;
        await using var connection = await _executor.OpenAsync(async, cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(sql)
            .Add(GetNow(), NpgsqlDbType.TimestampTz)
            .Add(limit, NpgsqlDbType.Integer)
            .AddText(after?.Namespace.Path)
            .AddText(after?.Key));
        await using var reader = await _executor.ExecuteReaderAsync(async, batch, cancellationToken).ConfigureAwait(false);
        var items = new List<RawItem>();
        while (async ? await reader.ReadAsync(cancellationToken).ConfigureAwait(false) : reader.Read())
        {
            var prefix = reader.GetString(0);
            var key = reader.GetString(1);
            if (items.Count == 0 || items[^1].Key != key || items[^1].Namespace.Path != prefix)
            {
                items.Add(new RawItem(
                    StoreNamespace.FromPath(prefix),
                    key,
                    ParseDocument(reader.GetString(2)),
                    reader.GetFieldValue<DateTimeOffset>(3),
                    reader.GetFieldValue<DateTimeOffset>(4),
                    reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                    reader.IsDBNull(6) ? null : reader.GetFieldValue<TimeSpan>(6),
                    new List<FieldEmbedding>()));
            }

            if (!reader.IsDBNull(7))
            {
                ((List<FieldEmbedding>)items[^1].Embeddings).Add(new FieldEmbedding(reader.GetString(7), reader.GetFieldValue<float[]>(8)));
            }
        }

        return items;
    }

    /// <inheritdoc />
    protected override async Task PutRawItemsCore(bool async, IReadOnlyList<RawItem> items, CancellationToken cancellationToken)
    {
        // $1 prefix, $2 key, $3 value, $4 created_at, $5 updated_at, $6 expires_at, $7 ttl.
        var put = $"""
            INSERT INTO {_sql.Store} (prefix, key, value, created_at, updated_at, expires_at, ttl)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (prefix, key) DO UPDATE SET
                value = EXCLUDED.value, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
                expires_at = EXCLUDED.expires_at, ttl = EXCLUDED.ttl
            """;
        var commands = new List<NpgsqlBatchCommand>();
        foreach (var item in items)
        {
            var document = item.Value.ToJsonString();
            JsonNulGuard.ThrowIfContainsNul(document, $"The document {item.Namespace}/{item.Key}", nameof(items));
            var path = item.Namespace.Path;
            commands.Add(new NpgsqlBatchCommand(put)
                .AddText(path)
                .AddText(item.Key)
                .Add(document, NpgsqlDbType.Jsonb)
                .Add(TruncateToMilliseconds(item.CreatedAt), NpgsqlDbType.TimestampTz)
                .Add(TruncateToMilliseconds(item.UpdatedAt), NpgsqlDbType.TimestampTz)
                .Add(item.ExpiresAt is { } expires ? TruncateToMilliseconds(expires) : null, NpgsqlDbType.TimestampTz)
                .Add(item.Ttl, NpgsqlDbType.Interval));
            commands.Add(new NpgsqlBatchCommand(_sql.DeleteVectors).AddText(path).AddText(item.Key));
            foreach (var field in item.Embeddings)
            {
                commands.Add(new NpgsqlBatchCommand(_sql.InsertVector)
                    .AddText(path)
                    .AddText(item.Key)
                    .AddText(field.Field)
                    .Add(field.Vector, NpgsqlDbType.Array | NpgsqlDbType.Real)
                    .Add(TruncateToMilliseconds(item.UpdatedAt), NpgsqlDbType.TimestampTz));
            }
        }

        await using var connection = await _executor.OpenAsync(async, cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        await _executor.ExecuteNonQueryAsync(async, batch, allowPrepare: false, cancellationToken).ConfigureAwait(false);
    }
}
