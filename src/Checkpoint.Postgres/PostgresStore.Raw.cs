using System.Globalization;
using System.Text;
using Checkpoint.Postgres.Internal;
using Checkpoint.Providers;
using Npgsql;
using NpgsqlTypes;

namespace Checkpoint.Postgres;

/// <content>Raw item reads and writes (<see cref="RawItemExtensions"/>): one round trip per page, one batch of at most three statements per write.</content>
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
                var ns = StoreNamespace.FromPath(prefix);
                items.Add(new RawItem(
                    ns,
                    key,
                    ReadStoredDocument(ns, key, reader.GetString(2)),
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
    /// <remarks>
    /// Three statements whatever the item count (items, then the items' old embeddings deleted, then their new ones),
    /// each over arrays with <c>unnest</c>: one round trip asynchronously, three in one transaction synchronously.
    /// </remarks>
    protected override async Task PutRawItemsCore(bool async, IReadOnlyList<RawItem> items, CancellationToken cancellationToken)
    {
        // A key given twice is written once, as its last occurrence: one statement cannot upsert a row twice.
        var last = items
            .Select((item, index) => (item, index))
            .GroupBy(entry => (entry.item.Namespace.Path, entry.item.Key))
            .Select(group => group.Last())
            .OrderBy(entry => entry.index)
            .Select(entry => entry.item)
            .ToList();
        var documents = last.Select(item =>
        {
            var document = item.Value.ToJsonString();
            JsonNulGuard.ThrowIfContainsNul(document, $"The document {item.Namespace}/{item.Key}", nameof(items));
            return document;
        }).ToArray();
        var paths = last.Select(item => item.Namespace.Path).ToArray();
        var keys = last.Select(item => item.Key).ToArray();
        var fields = last.SelectMany(item => item.Embeddings.Select(field => (Item: item, Field: field))).ToList();

        await using var connection = await _executor.OpenAsync(async, cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);

        // $1 prefixes, $2 keys, $3 values, $4 created_at, $5 updated_at, $6 expires_at, $7 ttl: one element per item.
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            INSERT INTO {_sql.Store} (prefix, key, value, created_at, updated_at, expires_at, ttl)
            SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::interval[])
            ON CONFLICT (prefix, key) DO UPDATE SET
                value = EXCLUDED.value, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
                expires_at = EXCLUDED.expires_at, ttl = EXCLUDED.ttl
            """)
            .Add(paths, NpgsqlDbType.Array | NpgsqlDbType.Text)
            .Add(keys, NpgsqlDbType.Array | NpgsqlDbType.Text)
            .Add(documents, NpgsqlDbType.Array | NpgsqlDbType.Jsonb)
            .Add(last.Select(item => TruncateToMilliseconds(item.CreatedAt)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
            .Add(last.Select(item => TruncateToMilliseconds(item.UpdatedAt)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
            .Add(last.Select(item => item.ExpiresAt is { } expires ? TruncateToMilliseconds(expires) : (DateTimeOffset?)null).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
            .Add(last.Select(item => item.Ttl).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Interval));

        // An overwrite replaces the embeddings. $1 prefixes, $2 keys.
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"DELETE FROM {_sql.Vectors} WHERE (prefix, key) IN (SELECT * FROM unnest($1::text[], $2::text[]))")
            .Add(paths, NpgsqlDbType.Array | NpgsqlDbType.Text)
            .Add(keys, NpgsqlDbType.Array | NpgsqlDbType.Text));
        if (fields.Count > 0)
        {
            // $1 prefixes, $2 keys, $3 fields, $4 vectors as array literals (vectors differ in length), $5 updated_at.
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
                INSERT INTO {_sql.Vectors} (prefix, key, field_name, embedding, created_at, updated_at)
                SELECT prefix, key, field, vector::real[], at, at
                FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS v(prefix, key, field, vector, at)
                """)
                .Add(fields.Select(f => f.Item.Namespace.Path).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)
                .Add(fields.Select(f => f.Item.Key).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)
                .Add(fields.Select(f => f.Field.Field).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)
                .Add(fields.Select(f => ArrayLiteral(f.Field.Vector)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)
                .Add(fields.Select(f => TruncateToMilliseconds(f.Item.UpdatedAt)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz));
        }

        await _executor.ExecuteNonQueryAsync(async, batch, cancellationToken).ConfigureAwait(false);
    }

    // A real[] literal that reads back as the same floats (shortest round-trip text, NaN and infinities spelled as PostgreSQL reads them).
    private static string ArrayLiteral(float[] vector)
    {
        var text = new StringBuilder("{");
        foreach (var value in vector)
        {
            if (text.Length > 1)
            {
                text.Append(',');
            }

            text.Append(value.ToString("R", CultureInfo.InvariantCulture));
        }

        return text.Append('}').ToString();
    }
}
