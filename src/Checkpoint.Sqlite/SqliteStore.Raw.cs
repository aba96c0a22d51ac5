using Checkpoint.Providers;
using Checkpoint.Sqlite.Internal;

namespace Checkpoint.Sqlite;

/// <content>Raw item reads and writes (<see cref="RawItemExtensions"/>): items in (prefix, key) order, written exactly as given.</content>
public sealed partial class SqliteStore
{
    private const string ListRawFirst = $"SELECT prefix, key, value, created_at, updated_at, expires_at, ttl_ms FROM store WHERE {StoreSql.Live} ORDER BY prefix, key LIMIT $limit";

    private const string ListRawAfter = $"SELECT prefix, key, value, created_at, updated_at, expires_at, ttl_ms FROM store WHERE {StoreSql.Live} AND (prefix, key) > ($prefix, $key) ORDER BY prefix, key LIMIT $limit";

    // The vectors of a page, by the range its first and last item bound (an expired item inside it adds rows that no item claims).
    private const string ListRawVectors = """
        SELECT prefix, key, field_name, embedding FROM store_vectors
        WHERE (prefix, key) >= ($first_prefix, $first_key) AND (prefix, key) <= ($last_prefix, $last_key)
        ORDER BY prefix, key, field_name
        """;

    private const string PutRaw = """
        INSERT INTO store (prefix, key, value, created_at, updated_at, expires_at, ttl_ms)
        VALUES ($prefix, $key, $value, $created, $updated, $expires, $ttl)
        ON CONFLICT (prefix, key) DO UPDATE SET
            value = excluded.value, created_at = excluded.created_at, updated_at = excluded.updated_at,
            expires_at = excluded.expires_at, ttl_ms = excluded.ttl_ms
        """;

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<RawItem>> ListRawItemsCore(bool async, RawItem? after, int limit, CancellationToken cancellationToken)
    {
        var now = GetNow().ToUnixTimeMilliseconds();
        return await _database.RunAsync(async, SqliteAccess.Read, session =>
        {
            var command = session.Command(after is null ? ListRawFirst : ListRawAfter).With("$now", now).With("$limit", limit);
            if (after is not null)
            {
                command.With("$prefix", after.Namespace.Path).With("$key", after.Key);
            }

            var rows = new List<(string Prefix, string Key, string Value, long Created, long Updated, long? Expires, long? Ttl)>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetNullableInt64(5), reader.GetNullableInt64(6)));
                }
            }

            var vectors = new Dictionary<(string Prefix, string Key), List<(string Field, object Bytes)>>();
            if (rows.Count > 0)
            {
                var range = session.Command(ListRawVectors)
                    .With("$first_prefix", rows[0].Prefix).With("$first_key", rows[0].Key)
                    .With("$last_prefix", rows[^1].Prefix).With("$last_key", rows[^1].Key);
                using var reader = range.ExecuteReader();
                while (reader.Read())
                {
                    var owner = (reader.GetString(0), reader.GetString(1));
                    if (!vectors.TryGetValue(owner, out var fields))
                    {
                        vectors[owner] = fields = [];
                    }

                    fields.Add((reader.GetString(2), reader.GetValue(3)));
                }
            }

            var items = new List<RawItem>(rows.Count);
            foreach (var row in rows)
            {
                var embeddings = vectors.GetValueOrDefault((row.Prefix, row.Key)) ?? [];
                var ns = StoreNamespace.FromPath(row.Prefix);
                items.Add(ReadStoredItem(ns, row.Key, () => new RawItem(
                    ns,
                    row.Key,
                    ReadStoredDocument(ns, row.Key, row.Value),
                    FromMilliseconds(row.Created),
                    FromMilliseconds(row.Updated),
                    row.Expires is { } expires ? FromMilliseconds(expires) : null,
                    row.Ttl is { } ttl ? TimeSpan.FromMilliseconds(ttl) : null,
                    embeddings.ConvertAll(v => new FieldEmbedding(v.Field, VectorMath.FromBytes((byte[])v.Bytes))))));
            }

            return (IReadOnlyList<RawItem>)items;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task PutRawItemsCore(bool async, IReadOnlyList<RawItem> items, CancellationToken cancellationToken) =>
        await _database.RunAsync(async, SqliteAccess.Write, session =>
        {
            foreach (var item in items)
            {
                var prefix = item.Namespace.Path;
                session.Command(StoreSql.DeleteVectors).With("$prefix", prefix).With("$key", item.Key).ExecuteNonQuery();
                session.Command(PutRaw)
                    .With("$prefix", prefix)
                    .With("$key", item.Key)
                    .With("$value", item.Value.ToJsonString())
                    .With("$created", item.CreatedAt.ToUnixTimeMilliseconds())
                    .With("$updated", item.UpdatedAt.ToUnixTimeMilliseconds())
                    .With("$expires", item.ExpiresAt?.ToUnixTimeMilliseconds())
                    .With("$ttl", item.Ttl is { } ttl ? (long?)Math.Ceiling(ttl.TotalMilliseconds) : null)
                    .ExecuteNonQuery();
                foreach (var embedding in item.Embeddings)
                {
                    session.Command(StoreSql.InsertVector)
                        .With("$prefix", prefix)
                        .With("$key", item.Key)
                        .With("$field", embedding.Field)
                        .With("$embedding", VectorMath.ToBytes(embedding.Vector))
                        .ExecuteNonQuery();
                }
            }

            return 0;
        }, cancellationToken).ConfigureAwait(false);
}
