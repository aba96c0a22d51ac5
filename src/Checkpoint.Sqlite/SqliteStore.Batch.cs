using System.Text.Json.Nodes;
using Checkpoint.Providers;
using Checkpoint.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Checkpoint.Sqlite;

/// <content>The store operations, applied in order inside one transaction.</content>
public sealed partial class SqliteStore
{
    /// <inheritdoc />
    protected override async Task<IReadOnlyList<object?>> BatchCore(bool async, StoreBatchRequest request, CancellationToken cancellationToken) =>
        await _database.RunAsync(async, AccessFor(request.Operations), session => Apply(session, request), cancellationToken).ConfigureAwait(false);

    private SqliteAccess AccessFor(IReadOnlyList<StoreOperation> operations)
    {
        if (operations.Any(o => o is PutOperation))
        {
            return SqliteAccess.Write;
        }

        var mayRefresh = operations.Any(o => o switch
        {
            GetOperation get => ResolveRefreshTtl(get.RefreshTtl),
            SearchOperation search => ResolveRefreshTtl(search.RefreshTtl),
            _ => false,
        });
        return mayRefresh ? SqliteAccess.ReadThenMaybeWrite : SqliteAccess.Read;
    }

    private List<object?> Apply(SqliteSession session, StoreBatchRequest request)
    {
        var results = new List<object?>(request.Operations.Count);
        foreach (var operation in request.Operations)
        {
            var now = GetNow();
            results.Add(operation switch
            {
                GetOperation get => Get(session, get, now),
                PutOperation put => Put(session, put, request.EmbeddingsOf(put), now),
                SearchOperation search => Search(session, search, request.QueryEmbeddingOf(search), now),
                ListNamespacesOperation list => ListNamespaces(session, list, now),
                _ => throw new InvalidOperationException($"Unexpected operation {operation.GetType().Name}."),
            });
        }

        return results;
    }

    private Item? Get(SqliteSession session, GetOperation get, DateTimeOffset now)
    {
        // A label with '.' (or an empty one) is never stored, and its path would alias another namespace's.
        if (!IsStorable(get.Namespace))
        {
            return null;
        }

        var prefix = get.Namespace.Path;
        var nowMs = now.ToUnixTimeMilliseconds();
        string value;
        long createdAt, updatedAt;
        long? ttl;
        using (var reader = session.Command(StoreSql.Get).With("$prefix", prefix).With("$key", get.Key).With("$now", nowMs).ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            (value, createdAt, updatedAt, ttl) = (reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetNullableInt64(3));
        }

        var document = ReadStoredDocument(get.Namespace, get.Key, value);
        if (ttl is not null && ResolveRefreshTtl(get.RefreshTtl))
        {
            Refresh(session, prefix, get.Key, nowMs);
        }

        return new Item(get.Namespace, get.Key, document, FromMilliseconds(createdAt), FromMilliseconds(updatedAt));
    }

    private object? Put(SqliteSession session, PutOperation put, IReadOnlyList<FieldEmbedding> embeddings, DateTimeOffset now)
    {
        var prefix = put.Namespace.Path;
        session.Command(StoreSql.DeleteVectors).With("$prefix", prefix).With("$key", put.Key).ExecuteNonQuery();
        if (put.Value is null)
        {
            session.Command(StoreSql.Delete).With("$prefix", prefix).With("$key", put.Key).ExecuteNonQuery();
            return null;
        }

        var nowMs = now.ToUnixTimeMilliseconds();

        // Stored in whole milliseconds, rounded up: the item is never considered expired earlier than its TTL says.
        long? ttl = ResolveTtl(put) is { } span ? (long)Math.Ceiling(span.TotalMilliseconds) : null;
        session.Command(StoreSql.Upsert)
            .With("$prefix", prefix)
            .With("$key", put.Key)
            .With("$value", put.Value.ToJsonString())
            .With("$now", nowMs)
            .With("$expires", nowMs + ttl)
            .With("$ttl", ttl)
            .ExecuteNonQuery();
        foreach (var embedding in embeddings)
        {
            session.Command(StoreSql.InsertVector)
                .With("$prefix", prefix)
                .With("$key", put.Key)
                .With("$field", embedding.Field)
                .With("$embedding", VectorMath.ToBytes(embedding.Vector))
                .ExecuteNonQuery();
        }

        return null;
    }

    private List<SearchItem> Search(SqliteSession session, SearchOperation search, float[]? query, DateTimeOffset now)
    {
        if (search.Limit == 0)
        {
            return [];
        }

        var nowMs = now.ToUnixTimeMilliseconds();
        var conditions = StoreFilter.Parse(search.Filter);
        var where = new List<string> { StoreSql.Live };
        var parameters = new List<(string Name, object? Value)> { ("$now", nowMs) };
        if (!search.NamespacePrefix.IsEmpty)
        {
            where.Add(StoreSql.UnderPrefix);
            AddPrefixRange(parameters, search.NamespacePrefix.Path);
        }

        StoreFilterSql.AppendGuarded(conditions, where, parameters);
        var sql = "SELECT prefix, key, value, created_at, updated_at, ttl_ms FROM store WHERE " + string.Join(" AND ", where)
            + (query is null ? " ORDER BY updated_at DESC, prefix, key" : string.Empty);
        var command = session.Command(sql);
        StoreFilterSql.Bind(command, parameters);

        List<Candidate> page;
        if (query is null)
        {
            // Rows arrive in the final order; only what the page needs (plus filter misses) is read.
            page = [];
            var skipped = 0;
            foreach (var candidate in ReadCandidates(command, search.NamespacePrefix, conditions))
            {
                if (skipped++ < search.Offset)
                {
                    continue;
                }

                page.Add(candidate);
                if (page.Count == search.Limit)
                {
                    break;
                }
            }
        }
        else
        {
            var candidates = ReadCandidates(command, search.NamespacePrefix, conditions).ToList();
            var vectors = ReadVectors(session, search.NamespacePrefix);
            page = StoreResultOrder.SearchPage(candidates.Select(c => c with { Score = Score(query, vectors.GetValueOrDefault((c.Prefix, c.Key))) }), c => c.ToSearchItem(), search);
        }

        ThrowIfDamaged(page, c => c.Damage);

        if (ResolveRefreshTtl(search.RefreshTtl))
        {
            foreach (var candidate in page.Where(c => c.HasTtl))
            {
                Refresh(session, candidate.Prefix, candidate.Key, nowMs);
            }
        }

        return [.. page.Select(c => c.ToSearchItem())];
    }

    private static IEnumerable<Candidate> ReadCandidates(SqliteCommand command, StoreNamespace prefix, IReadOnlyList<FilterCondition> conditions)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var path = reader.GetString(0);
            var ns = StoreNamespace.FromPath(path);
            if (!ns.StartsWith(prefix))
            {
                continue;
            }

            var key = reader.GetString(1);
            var value = ReadCandidateDocument(ns, key, reader.GetString(2), out var damage);
            if (damage is not null || StoreFilter.Matches(value, conditions))
            {
                yield return new Candidate(path, ns, key, value, damage, reader.GetInt64(3), reader.GetInt64(4), !reader.IsDBNull(5), null);
            }
        }
    }

    private static Dictionary<(string Prefix, string Key), List<float[]>> ReadVectors(SqliteSession session, StoreNamespace prefix)
    {
        var command = prefix.IsEmpty
            ? session.Command("SELECT prefix, key, embedding FROM store_vectors")
            : session.Command($"SELECT prefix, key, embedding FROM store_vectors WHERE {StoreSql.UnderPrefix}");
        if (!prefix.IsEmpty)
        {
            var parameters = new List<(string Name, object? Value)>();
            AddPrefixRange(parameters, prefix.Path);
            StoreFilterSql.Bind(command, parameters);
        }

        var vectors = new Dictionary<(string, string), List<float[]>>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var key = (reader.GetString(0), reader.GetString(1));
            if (!vectors.TryGetValue(key, out var list))
            {
                list = [];
                vectors[key] = list;
            }

            list.Add(VectorMath.FromBytes(reader.GetBytes(2)));
        }

        return vectors;
    }

    private static double? Score(float[] query, List<float[]>? vectors)
    {
        double? best = null;
        foreach (var vector in vectors ?? [])
        {
            // A vector of another dimension was made by a different embedding model; it cannot be compared.
            if (vector.Length == query.Length)
            {
                var score = VectorMath.CosineSimilarity(query, vector);
                best = best is null || score > best ? score : best;
            }
        }

        return best;
    }

    private static List<StoreNamespace> ListNamespaces(SqliteSession session, ListNamespacesOperation list, DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        return NamespaceWalk.Page(list, (from, before) =>
        {
            var command = before is null
                ? session.Command(StoreSql.NextNamespace)
                : session.Command(StoreSql.NextNamespaceBefore).With("$before", before);
            return command.With("$from", from).With("$now", nowMs).ExecuteScalar() as string;
        });
    }

    private static void Refresh(SqliteSession session, string prefix, string key, long nowMs) =>
        session.Command(StoreSql.Refresh).With("$prefix", prefix).With("$key", key).With("$now", nowMs).ExecuteNonQuery();

    private static void AddPrefixRange(List<(string Name, object? Value)> parameters, string path)
    {
        parameters.Add(("$prefix", path));
        parameters.Add(("$prefix_low", path + StoreNamespace.Separator));
        parameters.Add(("$prefix_high", path + NamespaceWalk.AfterSeparator));
    }

    private static bool IsStorable(StoreNamespace ns) =>
        ns.All(label => label.Length > 0 && !label.Contains(StoreNamespace.Separator, StringComparison.Ordinal));

    private static DateTimeOffset FromMilliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    /// <summary>An item that passed the filter (a damaged one passes every filter), with its score once scored.</summary>
    private sealed record Candidate(string Prefix, StoreNamespace Namespace, string Key, JsonObject Value, CorruptItemException? Damage, long CreatedAt, long UpdatedAt, bool HasTtl, double? Score)
    {
        public SearchItem ToSearchItem() => new(Namespace, Key, Value, FromMilliseconds(CreatedAt), FromMilliseconds(UpdatedAt), Score);
    }
}
